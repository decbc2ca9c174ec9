"""Turning text in any language into index terms, the same way for vocabulary and stories.

Alphabetic words are case-folded and stemmed with the Snowball stemmer of their language where
one exists (so "elections", "élection", "Wahlen" meet their vocabulary labels). Scripts written
without spaces between words (Chinese, Japanese, Thai) and Korean, whose words carry particles,
become overlapping character pairs, the usual index unit for them when no word segmenter is at
hand. Vietnamese words are several space-separated syllables, so pairs of syllables are added.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import snowballstemmer

from polywire.language_tags import written_language

_SNOWBALL = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "id": "indonesian",
    "it": "italian",
    "ms": "indonesian",
    "nl": "dutch",
    "pt": "portuguese",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}
_SYLLABLE_PAIR_LANGUAGES = {"vi"}

_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_UNSPACED_RUN = re.compile(f"[{_UNSPACED}]+")
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u064b-\u065f\u0e00-\u0e7f])+")
_ARABIC_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


@dataclass(frozen=True)
class Token:
    """An index term and the words of the text it came from (shown as evidence)."""

    term: str
    surface: str


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    name = _SNOWBALL.get(language)
    return snowballstemmer.stemmer(name) if name else None


def tokenize(text: str, language: str) -> list[Token]:
    """Index terms of `text` written in `language` (a BCP 47 tag)."""
    language = written_language(language)
    text = unicodedata.normalize("NFKC", text)
    spaced = _UNSPACED_RUN.sub(lambda m: f" {m.group(0)} ", text)
    stemmer = _stemmer(language)
    tokens: list[Token] = []
    previous: str | None = None
    for match in _WORD.finditer(spaced):
        word = match.group(0)
        if _UNSPACED_RUN.fullmatch(word):
            tokens.extend(_pairs(word))
            previous = None
            continue
        folded = word.casefold()
        if language == "ar":
            folded = re.sub("[\u064b-\u065f]", "", folded).translate(_ARABIC_FORMS)
        if len(folded) < 2:
            previous = None
            continue
        term = stemmer.stemWord(folded) if stemmer else folded
        tokens.append(Token(term, word))
        if language in _SYLLABLE_PAIR_LANGUAGES:
            if previous is not None:
                tokens.append(Token(f"{previous}_{folded}", f"{previous} {folded}"))
            previous = folded
    return tokens


def _pairs(run: str) -> list[Token]:
    if len(run) == 1:
        return [Token(run, run)]
    return [Token(run[i : i + 2], run[i : i + 2]) for i in range(len(run) - 1)]


def term_counts(tokens: list[Token]) -> Counter[str]:
    return Counter(token.term for token in tokens)
