"""Quotation marks in the target language's style, kept paired.

The delimiters are CLDR's (`standards/cldr/delimiters.json`, extracted from CLDR 41 because Babel
does not carry them), looked up through Babel's locale parsing with CLDR's fallback from
`zh_Hant` to `zh` to `root`. Marks are paired with a stack: the outer pair takes the primary
quotation marks, a pair inside it the alternate ones. A paragraph whose marks do not pair is left
as the engine wrote it rather than guessed at.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from babel import Locale

from polywire.domain import BadInput
from polywire.language_tags import base_language, locale_for

_OPENERS = frozenset("«„「『‟")
_CLOSERS = frozenset("»」』")
_EITHER = frozenset('"“”')
_MARKS = _OPENERS | _CLOSERS | _EITHER
#: Space a language sets inside its quotation marks (French: a narrow no-break space).
_INNER_SPACE = {"fr": "\u202f"}


@cache
def _table() -> dict[str, list[str]]:
    data = files("polywire.standards") / "cldr" / "delimiters.json"
    table: dict[str, list[str]] = json.loads(data.read_text(encoding="utf-8"))
    return table


@cache
def delimiters(language: str) -> tuple[str, str, str, str]:
    """(open, close, alternate open, alternate close) for a BCP 47 tag."""
    try:
        locale: Locale | None = locale_for(language)
    except BadInput:
        locale = None
    candidates = ["root"]
    if locale is not None:
        candidates[:0] = [
            f"{locale.language}_{locale.script}" if locale.script else "",
            f"{locale.language}_{locale.territory}" if locale.territory else "",
            locale.language,
        ]
    for name in candidates:
        found = _table().get(name) if name else None
        if found:
            return found[0], found[1], found[2], found[3]
    raise LookupError("CLDR root delimiters missing")  # pragma: no cover - shipped data


def _base(language: str) -> str:
    try:
        return base_language(language)
    except BadInput:
        return language


def restyle(paragraph: str, language: str) -> str:
    """`paragraph` with its double quotation marks in `language`'s style, or as it was when
    they do not pair."""
    positions = [i for i, c in enumerate(paragraph) if c in _MARKS]
    if not positions:
        return paragraph
    roles = _pair(paragraph, positions)
    if roles is None:
        return paragraph
    open1, close1, open2, close2 = delimiters(language)
    inner = _INNER_SPACE.get(_base(language), "")
    out: list[str] = []
    last = 0
    for index, (opening, depth) in zip(positions, roles, strict=True):
        chunk = paragraph[last:index]
        if not opening:
            chunk = chunk.rstrip()
        out.append(chunk)
        if opening:
            out.append((open1 if depth == 0 else open2) + inner)
        else:
            out.append(inner + (close1 if depth == 0 else close2))
        last = index + 1
        if opening:
            while last < len(paragraph) and paragraph[last].isspace():
                last += 1
    out.append(paragraph[last:])
    return "".join(out)


def _pair(text: str, positions: list[int]) -> list[tuple[bool, int]] | None:
    """(is opening, depth) per mark, None when they do not pair."""
    roles: list[tuple[bool, int]] = []
    depth = 0
    for index in positions:
        mark = text[index]
        if mark in _OPENERS:
            opening = True
        elif mark in _CLOSERS:
            opening = False
        else:
            before = text[index - 1] if index > 0 else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            if before.isspace() or before in "([{—–-/" or before in _OPENERS:
                opening = True
            elif after.isspace() or not after.isalnum():
                opening = False
            else:
                opening = depth == 0
        if opening:
            roles.append((True, depth))
            depth += 1
        else:
            if depth == 0:
                return None
            depth -= 1
            roles.append((False, depth))
    return roles if depth == 0 else None
