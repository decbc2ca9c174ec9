"""Well-known organisations in the forms each language writes them, to catch one inserted.

A translation that names the World Bank, the Red Cross or Greenpeace where its source names none
of them has inserted a source of the story: in every script, even where names have no capital
letters (`世界銀行`, `البنك الدولي`) or the name is one word (`Greenpeace`, `Weltbank`) and so
cannot be told from a translated word by its look. The table (`data/organisations.json`) is
maintained by hand; any form of an organisation, in any language, in the source justifies every
form of it in the translation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from polywire.language_tags import base_language

#: Scripts whose words are not cut by spaces, or take prefixes (Arabic `لل`, `و`): a form is
#: found inside a longer run of letters.
_INSIDE = re.compile(r"[\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class Mention:
    organisation: str
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, list[str]]]:
    text = files("polywire.check").joinpath("data", "organisations.json").read_text("utf-8")
    data: dict[str, dict[str, list[str]]] = json.loads(text)
    data.pop("_comment", None)
    return data


def _pattern(form: str) -> re.Pattern[str]:
    if _INSIDE.search(form):
        return re.compile(re.escape(form))
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")


@lru_cache(maxsize=64)
def _forms(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(organisation, pattern) of the forms `language` writes, longest first."""
    forms = [
        (organisation, form)
        for organisation, entry in _table().items()
        for form in {*entry.get("*", []), *entry.get(language, [])}
    ]
    forms.sort(key=lambda item: -len(item[1]))
    return tuple((organisation, _pattern(form)) for organisation, form in forms)


@lru_cache(maxsize=1)
def _every_form() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(organisation, pattern) of every form in every language."""
    return tuple(
        (organisation, _pattern(form))
        for organisation, entry in _table().items()
        for form in sorted({f for forms in entry.values() for f in forms}, key=len, reverse=True)
    )


def mentions(text: str, language: str) -> list[Mention]:
    """The organisations of the table that `text` names, in the forms of `language`."""
    found: list[Mention] = []
    for organisation, pattern in _forms(base_language(language)):
        for match in pattern.finditer(text):
            if not any(m.start < match.end() and match.start() < m.end for m in found):
                found.append(Mention(organisation, match.group(), match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def named_in(text: str) -> set[str]:
    """The organisations of the table that `text` names, in any language's form."""
    return {organisation for organisation, pattern in _every_form() if pattern.search(text)}


def spans_of(text: str, organisations: set[str]) -> list[tuple[int, int]]:
    """Where `text` names these organisations, in any language's form."""
    return [
        (match.start(), match.end())
        for organisation, pattern in _every_form()
        if organisation in organisations
        for match in pattern.finditer(text)
    ]
