"""Texts to check, read from files the way `polywire extract` reads them."""

from __future__ import annotations

from polywire.check.model import Text
from polywire.ingest.core import extract_path
from polywire.language_tags import chinese_script


def text_from_file(path: str, language: str | None = None) -> Text:
    """The headline, paragraphs and language of a story file (text, HTML or ninjs).

    Without `language`, the language is detected; Chinese is told Simplified from Traditional."""
    extraction = extract_path(path)
    detected = language or extraction.language
    if detected == "zh":
        detected = chinese_script(" ".join(extraction.body))
    return Text(detected, extraction.headline, list(extraction.body))
