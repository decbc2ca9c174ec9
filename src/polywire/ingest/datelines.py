"""Datelines that open the first paragraph of agency copy, in the styles of many wires.

`MOSCOW (AP) —`, `LONDON, May 8 (Reuters) -`, `(BrandWire) –`, `القاهرة (رويترز) -`,
`МОСКВА, 8 мая. /ТАСС/.`, `МОСКВА, 8 мая — РИА Новости.`, `新华社北京5月8日电（记者 张三）`.
Each style is one regular expression with `place` and `source` groups; the first that matches
and passes the checks on its place wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from polywire.domain import Dateline
from polywire.ingest.dates import month_day
from polywire.ingest.measure import has_cased_letters, is_cased_upper

_DASH = r"[—–―-]{1,2}"
_STYLES = (
    # PLACE (SOURCE) — text   /   (SOURCE) — text   /   PLACE, May 8 (SOURCE) - text
    re.compile(
        r"^(?P<place>[^\W\d_][^()（）\n]{0,60}?)?\s*[(（](?P<source>[^()（）\n]{1,40})[)）]\s*"
        + _DASH
        + r"\s*"
    ),
    # МОСКВА, 8 мая. /ТАСС/. text   /   MADRID, 12 de mayo de 2026 /PRNewswire/ -- text
    re.compile(
        r"^(?P<place>[^\W\d_][^,/\n]{1,40}),\s*(?P<date>[^/\n]{1,30}?)\.?\s*"
        r"/(?P<source>[^/\n]{1,30})/\.?\s*" + r"(?:" + _DASH + r"\s*)?"
    ),
    # МОСКВА, 8 мая — РИА Новости. text
    re.compile(
        r"^(?P<place>[^\W\d_][^,\n]{1,40}),\s*(?P<date>\d{1,2}\s+\w+)\.?\s*"
        + _DASH
        + r"\s*(?P<source>[^.\n]{2,30})\.\s+"
    ),
    # 新华社北京5月8日电（记者 张三） text
    re.compile(
        r"^(?P<source>[\u4e00-\u9fff]{1,6}?(?:社|网|網|报|報))(?P<place>[\u4e00-\u9fff]{2,8}?)"
        r"(?P<date>(?:\d{1,2}月)?\d{1,2}日)(?:电|電)(?:[（(](?P<by>[^）)\n]{0,40})[）)])?\s*"
    ),
)


_NOT_IN_PLACES = set(':;!?"“”«»„*')
#: Styles whose place must be in capitals (`МОСКВА`): their punctuation is common in prose.
_CAPITALS_ONLY = (1, 2)


@dataclass(frozen=True)
class Found:
    dateline: Dateline
    rest: str
    by: str | None = None  # `（记者 张三）` after a Chinese dateline


def find_dateline(paragraph: str) -> Found | None:
    """The dateline opening `paragraph` and the paragraph without it; None when there is none."""
    for number, style in enumerate(_STYLES):
        match = style.match(paragraph)
        if match is None:
            continue
        rest = paragraph[match.end() :].strip()
        place = _clean_place(match.group("place"))
        if number in _CAPITALS_ONLY and place is not None and not is_cased_upper(place):
            continue
        source = match.group("source").strip()
        if not rest or not source or (match.group("place") and place is None):
            continue
        groups = match.groupdict()
        by = groups.get("by")
        printed = groups.get("date") or _date_part(match.group("place"))
        dateline = Dateline(place=place, source=source, date=month_day(printed or "") or None)
        return Found(dateline, rest, by.strip() if by else None)
    return None


def _date_part(place: str | None) -> str | None:
    """`LONDON, May 8` → `May 8`: the parts after the place that hold figures."""
    parts = [part.strip() for part in (place or "").split(",")]
    dated = [part for part in parts[1:] if any(ch.isdigit() for ch in part)]
    return ", ".join(dated) or None


def _clean_place(place: str | None) -> str | None:
    """`LONDON, May 8` → `LONDON`; None when the text before the source is not a place."""
    if place is None:
        return None
    place = place.strip().rstrip(",").strip()
    parts = [part.strip() for part in place.split(",")]
    while len(parts) > 1 and any(ch.isdigit() for ch in parts[-1]):
        parts.pop()
    place = ", ".join(parts)
    if not place or any(ch.isdigit() or ch in _NOT_IN_PLACES for ch in place):
        return None
    if len(place.split()) > 6:
        return None
    if place[-1] in ".!?。" and len(place.split()) > 3:
        return None
    first = parts[0]
    if has_cased_letters(first) and not (is_cased_upper(first) or _title_case(first)):
        return None
    return place


def _title_case(words: str) -> bool:
    """`Hà Nội`, `New York`: a short name, every word capitalised."""
    tokens = words.split()
    return 0 < len(tokens) <= 3 and all(token[:1].isupper() for token in tokens)
