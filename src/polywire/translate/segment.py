"""Paragraphs into sentences, and sentences back into paragraphs.

Sentences come from `sentencex` (Wikimedia's segmenter, rules for some 300 languages, where pysbd
lacks Vietnamese, Korean, Thai, Indonesian and Malay). Paragraphs are never merged or split: a
translation has exactly the source's paragraphs.
"""

from __future__ import annotations

from sentencex import segment

from polywire.language_tags import base_language
from polywire.translate.languages import UNSPACED


def sentences(paragraph: str, language: str) -> list[str]:
    """The sentences of one paragraph, stripped; a paragraph without text has none."""
    text = " ".join(paragraph.split())
    if not text:
        return []
    found = [s.strip() for s in segment(base_language(language), text)]
    return [s for s in found if s] or [text]


def join(sentences: list[str], language: str) -> str:
    """One paragraph of translated sentences, spaced as `language` is written."""
    return ("" if language in UNSPACED else " ").join(s for s in sentences if s)
