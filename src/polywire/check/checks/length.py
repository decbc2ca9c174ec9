"""A paragraph is about as long as its source, given how long the language pair usually runs.

The typical lengths are letters (spaces and punctuation left out) per English letter, from the
parallel stories of the tests and common localisation figures; no library or CLDR table has
them. A paragraph outside `length_tolerance` times the typical ratio was cut or padded.
"""

from __future__ import annotations

from polywire.check.model import Issue, Pair, Severity
from polywire.check.text import excerpt
from polywire.language_tags import base_language
from polywire.settings.check import CheckSettings

#: Letters per English letter.
TYPICAL_LENGTH: dict[str, float] = {
    "en": 1.0,
    "de": 1.15,
    "fr": 1.15,
    "es": 1.15,
    "pt": 1.12,
    "it": 1.12,
    "nl": 1.12,
    "ru": 1.08,
    "uk": 1.08,
    "pl": 1.1,
    "vi": 1.05,
    "id": 1.15,
    "ms": 1.2,
    "tr": 1.0,
    "ar": 0.9,
    "he": 0.75,
    "fa": 0.85,
    "th": 0.9,
    "hi": 1.0,
    "ko": 0.55,
    "ja": 0.55,
    "zh": 0.4,
}
#: Shorter source paragraphs vary too much to judge.
_MIN_SOURCE_LETTERS = 60


def check_length(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source_letters = letters(pair.source)
    expected = TYPICAL_LENGTH.get(base_language(pair.target_language))
    per_source = TYPICAL_LENGTH.get(base_language(pair.source_language))
    if source_letters < _MIN_SOURCE_LETTERS or expected is None or per_source is None:
        return []
    ratio = letters(pair.target) / source_letters / (expected / per_source)
    tolerance = settings.length_tolerance
    if 1 / tolerance <= ratio <= tolerance:
        return []
    if ratio == 0:
        message = "The translation has no letters or digits: something may be missing."
    else:
        how = "shorter" if ratio < 1 else "longer"
        factor = 1 / ratio if ratio < 1 else ratio
        message = (
            f"The translation is {factor:.1f} times {how} than this language pair usually "
            "makes a paragraph: something may be missing or added."
        )
    return [Issue("length", Severity.MINOR, excerpt(pair.source), excerpt(pair.target), message)]


def letters(text: str) -> int:
    return sum(char.isalnum() for char in text)
