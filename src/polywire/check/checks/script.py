"""The translation is written in its language's script, and Chinese in the right one of two.

Letters are counted by their Unicode script; names and acronyms in Latin letters are normal in any
language, so capitalised Latin words are left out of the count, and only a paragraph mostly in
another script is a finding. Simplified and Traditional Chinese are told apart by the different
characters only one of them writes (`language_tags.chinese_characters`). Between two languages of
one script, a paragraph whose source has the same problem (a passage quoted in another script, a
`zh-TW` source in Simplified) kept its source's script: no finding.
"""

from __future__ import annotations

import re
import unicodedata

from polywire.check.model import Issue, Pair, Severity
from polywire.check.text import excerpt
from polywire.language_tags import chinese_characters, script_of
from polywire.settings.check import CheckSettings

#: ISO 15924 code → the Unicode character-name prefixes of the letters it writes with.
_LETTERS: dict[str, tuple[str, ...]] = {
    "Latn": ("LATIN",),
    "Cyrl": ("CYRILLIC",),
    "Grek": ("GREEK",),
    "Arab": ("ARABIC",),
    "Hebr": ("HEBREW",),
    "Thai": ("THAI",),
    "Deva": ("DEVANAGARI",),
    "Kore": ("HANGUL", "CJK"),
    "Jpan": ("CJK", "HIRAGANA", "KATAKANA"),
    "Hans": ("CJK",),
    "Hant": ("CJK",),
}
_NAMES = {"Hans": "Simplified Chinese", "Hant": "Traditional Chinese"}
_MIN_SHARE = 0.5
#: A capitalised word in Latin letters: a name or an acronym, written so in any script.
_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z'’-]*")
#: Fewer letters (a name, a figure with its unit) say nothing about the script.
_MIN_LETTERS = 8


def check_script(pair: Pair, settings: CheckSettings) -> list[Issue]:
    script = script_of(pair.target_language)
    problem = _script_problem(pair.target, script)
    if problem is None:
        return []
    if (
        script_of(pair.source_language) == script
        and _script_problem(pair.source, script) == problem
    ):
        return []  # the translation kept the script its source was written in
    return [_issue(pair, problem)]


def _script_problem(text: str, script: str) -> str | None:
    """What is wrong with the script of `text` for a language written in `script`, if anything."""
    if script != "Latn":
        text = _LATIN_NAME.sub("", text)  # `Braun就出售…起诉Borchetta`: names, not the script
    share = _share(text, _LETTERS.get(script))
    if share is None:
        return None
    if share < _MIN_SHARE:
        return f"Most of the paragraph is not in the {script} script of the language."
    if script in _NAMES:
        found = chinese_characters(text)
        wrong, right = (
            (found.traditional, found.simplified)
            if script == "Hans"
            else (found.simplified, found.traditional)
        )
        if wrong > right:
            other = "Hant" if script == "Hans" else "Hans"
            return f"The paragraph is in {_NAMES[other]}, not {_NAMES[script]}."
    return None


def _share(text: str, prefixes: tuple[str, ...] | None) -> float | None:
    """The share of the letters of `text` in the script of `prefixes`; None for too few letters."""
    letters = [char for char in text if char.isalpha()]
    if prefixes is None or len(letters) < _MIN_LETTERS:
        return None
    return sum(unicodedata.name(char, "").startswith(prefixes) for char in letters) / len(letters)


def _issue(pair: Pair, message: str) -> Issue:
    return Issue("script", Severity.MAJOR, excerpt(pair.source), excerpt(pair.target), message)
