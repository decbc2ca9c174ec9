"""Every quoted passage of the source is quoted in the translation.

Languages mark quotations differently (“…”, „…“, «…», « … », 「…」, "…"), so what is compared is
the number of quoted passages: double quotation marks of any style, two to a passage. A passage
that opens in one paragraph and closes in a later one counts as one. Single quotation marks are
left out: they are also apostrophes.
"""

from __future__ import annotations

import math

from polywire.check.model import Issue, Pair, Severity
from polywire.check.text import excerpt
from polywire.settings.check import CheckSettings

_MARKS = frozenset('"“”„‟«»「」『』〝〞〟＂‹›')


def quoted_passages(text: str) -> int:
    return math.ceil(sum(char in _MARKS for char in text) / 2)


def check_quotes(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source, target = quoted_passages(pair.source), quoted_passages(pair.target)
    if target < source:
        return [
            Issue(
                "quotes",
                Severity.MAJOR,
                excerpt(pair.source, *_first_mark(pair.source)),
                excerpt(pair.target),
                f"The source quotes {_passages(source)}; the translation quotes "
                f"{_passages(target)}: a quotation has lost its marks.",
                source_span=_first_mark(pair.source),
            )
        ]
    if target > source:
        return [
            Issue(
                "quotes",
                Severity.MINOR,
                excerpt(pair.source),
                excerpt(pair.target, *_first_mark(pair.target)),
                f"The translation quotes {_passages(target)} where the source quotes "
                f"{_passages(source)}.",
                target_span=_first_mark(pair.target),
            )
        ]
    return []


def _passages(count: int) -> str:
    return "nothing" if count == 0 else "1 passage" if count == 1 else f"{count} passages"


def _first_mark(text: str) -> tuple[int, int]:
    position = next((i for i, char in enumerate(text) if char in _MARKS), 0)
    return position, position + 1
