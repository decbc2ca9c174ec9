"""Language tags as the engines see them, and the scripts each language is written in.

Engines name languages in different ways (Apertium's `eng`, `spa`; NLLB's `eng_Latn`; BCP 47 in
settings). Everything inside the translate package uses one form: the BCP 47 primary subtag in
lower case, plus the script for Chinese (`zh-Hans`, `zh-Hant`), whose two written forms are
different targets. Babel's copy of the CLDR aliases maps three-letter codes to that form.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cache

from babel.core import get_global

_CHINESE_TRADITIONAL = {"hant", "tw", "hk", "mo"}

#: Languages written without spaces between sentences.
UNSPACED = frozenset({"ja", "zh-Hans", "zh-Hant"})

#: The Unicode script words (first word of a character's name) a language's letters use.
SCRIPTS: dict[str, frozenset[str]] = {
    "ar": frozenset({"ARABIC"}),
    "fa": frozenset({"ARABIC"}),
    "ur": frozenset({"ARABIC"}),
    "he": frozenset({"HEBREW"}),
    "ru": frozenset({"CYRILLIC"}),
    "uk": frozenset({"CYRILLIC"}),
    "bg": frozenset({"CYRILLIC"}),
    "sr": frozenset({"CYRILLIC", "LATIN"}),
    "el": frozenset({"GREEK"}),
    "ja": frozenset({"CJK", "HIRAGANA", "KATAKANA"}),
    "zh-Hans": frozenset({"CJK"}),
    "zh-Hant": frozenset({"CJK"}),
    "ko": frozenset({"HANGUL", "CJK"}),
    "th": frozenset({"THAI"}),
    "hi": frozenset({"DEVANAGARI"}),
}


def normalize(tag: str) -> str:
    """`pt-BR` → `pt`, `eng` → `en`, `zh-TW` → `zh-Hant`, `zh` → `zh-Hans`."""
    parts = tag.strip().replace("_", "-").split("-")
    primary = parts[0].lower()
    if not primary.isalpha() or not 2 <= len(primary) <= 8:
        raise ValueError(f"{tag!r} is not a language tag")
    aliases: Mapping[str, str] = get_global("language_aliases")
    primary = aliases.get(primary, primary).split("_")[0].split("-")[0]
    if primary == "zh":
        rest = {p.lower() for p in parts[1:]}
        return "zh-Hant" if rest & _CHINESE_TRADITIONAL else "zh-Hans"
    return primary


@cache
def script_of(char: str) -> str | None:
    """The script word of a letter (`LATIN`, `CJK`, `ARABIC` …), None for anything else."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def in_script(text: str, language: str) -> bool:
    """Whether most letters of `text` are in a script `language` is written in.

    Languages not listed in `SCRIPTS` are written in Latin letters."""
    expected = SCRIPTS.get(language, frozenset({"LATIN"}))
    letters = [s for s in map(script_of, text) if s is not None]
    if not letters:
        return True
    return sum(s in expected for s in letters) * 2 > len(letters)
