"""Language tags as the engines see them, and the scripts each language is written in.

Engines name languages in different ways (Apertium's `eng`, `spa`; NLLB's `eng_Latn`; BCP 47 in
settings). Everything inside the translate package uses one form, `language_tags.written_language`:
the language subtag, plus the script for Chinese (`zh-Hans`, `zh-Hant`), whose two written forms
are different targets.
"""

from __future__ import annotations

import unicodedata
from functools import cache

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
