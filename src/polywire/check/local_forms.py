"""Local forms of names and acronyms: what a language writes for an English name or acronym.

`EE.UU.` and `EUA` are the United States in Spanish and Portuguese, `PIB` is GDP, `OMS` the WHO:
the translation's acronym is no inserted fact when the source has one of the English forms it
stands for. The table is data (`data/local_forms.json`, one entry per language, `*` for forms
every language uses), maintained by hand because CLDR has territory names but not the short
forms and acronyms of organisations; the CLDR names of territories are added to it, so that a
translation's `Estados Unidos` justifies the source's `US` too. The places the translator itself
writes in the target's form (`polywire.translate.places`: `Beijing` → `Pekín`, `England` →
`Inglaterra`, `New York` → `Nueva York`) are local forms as well: the check must not call the
translator's own rendering a name translated as a word.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files

from polywire.language_tags import base_language, locale_for
from polywire.translate.places import local_forms as translated_places


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, list[str]]]:
    text = files("polywire.check").joinpath("data", "local_forms.json").read_text("utf-8")
    data: dict[str, dict[str, list[str]]] = json.loads(text)
    data.pop("_comment", None)
    return data


@lru_cache(maxsize=64)
def _forms(
    language: str,
) -> tuple[tuple[str, re.Pattern[str], tuple[re.Pattern[str], ...]], ...]:
    merged = dict(_table().get("*", {}))
    merged.update(_table().get(base_language(language), {}))
    english_territories = {str(name): code for code, name in locale_for("en").territories.items()}
    local_territories = locale_for(language).territories
    for english in list(merged.values()):
        codes = {english_territories[form] for form in english if form in english_territories}
        for code in codes & set(local_territories):
            merged.setdefault(str(local_territories[code]), english)
    for name, place in translated_places("en", base_language(language)).items():
        if place != name and name not in merged.get(place, []):
            merged[place] = [*merged.get(place, []), name]
    return tuple(
        (local.lower(), _pattern(local, case_sensitive=True), tuple(_pattern(e) for e in english))
        for local, english in sorted(merged.items(), key=lambda item: -len(item[0]))
    )


def _pattern(form: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """`form` as a whole word; forms in lower case (`chief executive`) match any case."""
    flags = 0 if case_sensitive or not form.islower() else re.IGNORECASE
    before = r"(?<![\w.])" if form[:1].isalnum() else ""
    after = r"(?!\w)" if form[-1:].isalnum() or form.endswith(".") else ""
    return re.compile(before + re.escape(form) + after, flags)


def local_pairs(
    source: str, target: str, target_language: str
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the translation writes the local form of a name or acronym the source has, and
    where the source has the names and acronyms those forms stand for."""
    target_spans: list[tuple[int, int]] = []
    source_spans: list[tuple[int, int]] = []
    haystack = target.lower()
    for text, local, english in _forms(target_language):
        if text not in haystack:  # most forms are absent: skip their regular expression
            continue
        matches = list(local.finditer(target))
        if not matches:
            continue
        found = [(m.start(), m.end()) for e in english for m in e.finditer(source)]
        if found:
            target_spans += [(m.start(), m.end()) for m in matches]
            source_spans += found
    return source_spans, target_spans


def covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)
