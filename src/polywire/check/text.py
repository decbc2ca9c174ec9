"""Text folding shared by the checks: compatibility forms, digits of every script, excerpts."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ARABIC_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": ",", "\u060c": ","})
_ARABIC_MARKS = dict.fromkeys(
    [*range(0x064B, 0x0660), 0x0670, 0x0640],  # harakat, superscript alef, tatweel
)
_ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})


def fold(text: str) -> str:
    """NFKC (full-width forms) with every decimal digit written as an ASCII digit, one character
    for one, so that a place in the folded text is the same place in the text (findings give
    character offsets).

    Arabic-Indic, Persian, Thai, Devanagari … digits all become 0-9, and the Arabic decimal and
    thousands separators become `.` and `,`, so numbers compare across scripts. A character whose
    compatibility form is longer (`…`, `ﬁ`, `½`) is kept as it is."""
    text = text.translate(_ARABIC_SEPARATORS)
    if text.isascii():
        return text
    return "".join(_fold_char(char) for char in text)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isascii():
        return char
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char


def fold_arabic(text: str) -> str:
    """Arabic without vowel marks and with one alef, as names are matched."""
    return text.translate(_ARABIC_MARKS).translate(_ALEF_FORMS)


def excerpt(text: str, start: int = 0, end: int | None = None, width: int = 60) -> str:
    """Up to `width` characters of `text` around `text[start:end]`, on word edges where possible."""
    end = start if end is None else end
    if len(text) <= width:
        return text
    middle = (start + end) // 2
    left = max(0, min(middle - width // 2, len(text) - width))
    right = left + width
    snippet = text[left:right]
    if left > 0:
        cut = snippet.find(" ")
        snippet = "…" + (snippet[cut + 1 :] if 0 <= cut < 12 else snippet)
    if right < len(text):
        cut = snippet.rfind(" ")
        snippet = (snippet[:cut] if cut > len(snippet) - 12 else snippet) + "…"
    return snippet
