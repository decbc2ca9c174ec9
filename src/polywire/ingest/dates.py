"""Dates printed on scraped pages, in any of the cleaner's languages.

Month and weekday names come from CLDR through Babel, for every language in
`polywire.ingest.vocabulary`, so "May 8, 2024", "8 мая 2024", "8 tháng 5, 2024", "8 مايو 2024",
"8 พฤษภาคม 2567" (Buddhist era) and "2024年5月8日" all read as 2024-05-08. No library parses
free-form dates in all these scripts without a language hint, hence this module. The names are
read from CLDR once and kept in the user's cache (`polywire.derived`): loading the locales of every
language takes a good part of a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TypeVar

import babel
from babel.dates import get_day_names, get_month_names

from polywire.derived import kept, source_of
from polywire.ingest.vocabulary import LANGUAGES

T = TypeVar("T")

#: Words that sit between the parts of a printed date and time ("May 8 at 4:41 pm").
_CONNECTORS = (
    "at", "on", "um", "am", "à", "le", "a las", "de", "del", "lúc", "ngày", "в", "г.", "года",
    "г", "เวลา", "น.", "Uhr", "alle", "o", "في", "الساعة", "saat", "godz.", "năm",
)  # fmt: skip
_TIME_ZONES = r"(?:UTC|GMT|[ECMP][SD]?T|BST|CES?T|EES?T|MSK|ICT|JST|KST|HKT|SGT|IST|AEST|WIB)"
_TIME = re.compile(
    r"(?<!\d)(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::\d{2})?\s*"
    r"(?P<half>[ap]\.?\s?m\.?|[AP]M|午前|午後|上午|下午|ص|م)?(?!\d)",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_EAST_ASIAN = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|2[45]\d\d)(?!\d)")
_DAY = re.compile(r"(?<![\d:.])(\d{1,2})(?![\d:])")


def _kept_from_cldr(name: str, build: Callable[[], T]) -> T:
    inputs = (source_of(__file__), babel.__version__, ",".join(LANGUAGES))
    return kept(name, build, inputs=inputs)


@cache
def _month_names() -> dict[str, int]:
    return _kept_from_cldr("month-names", _cldr_month_names)


def _cldr_month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    names.setdefault(name.lower(), number)
                    names.setdefault(name.lower().rstrip("."), number)
    names.setdefault("sept", 9)
    return names


@cache
def _month_pattern() -> re.Pattern[str]:
    names = sorted(_month_names(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")\.?(?!\w)", re.I)


@cache
def _weekday_pattern() -> re.Pattern[str]:
    ordered = sorted(_kept_from_cldr("weekday-names", _cldr_weekday_names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, ordered)) + r")\.?(?!\w)", re.I)


def _cldr_weekday_names() -> set[str]:
    names: set[str] = set()
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            names.update(n.lower() for n in get_day_names(width, "format", language).values())
    return names


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601 (`2024-05-08`, or `2024-05-08T16:41` with a time)."""
    found = _find_date(text)
    if found is None:
        return None
    day, (start, end) = found
    time = _TIME.search(text[:start] + " " * (end - start) + text[end:])
    if time is None:
        return day
    hour, minute = int(time["hour"]), int(time["minute"])
    half = (time["half"] or "").lower().replace(".", "").replace(" ", "")
    if half in ("pm", "午後", "下午", "م") and hour < 12:
        hour += 12
    elif half in ("am", "午前", "上午", "ص") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return day
    return f"{day}T{hour:02d}:{minute:02d}"


def _find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The date in `text` and where it is printed."""
    for pattern in (_ISO, _EAST_ASIAN):
        if match := pattern.search(text):
            return _spanned(_iso(int(match[1]), int(match[2]), int(match[3])), match.span())
    if numeric := _NUMERIC.search(text):
        first, second = int(numeric[1]), int(numeric[3])
        if numeric[2] == "/" and second > 12:  # 5/28/2024: month first
            first, second = second, first
        return _spanned(_iso(int(numeric[4]), second, first), numeric.span())
    month = _month_pattern().search(text)
    year = _YEAR.search(text)
    if month is None or year is None:
        return None
    rest = text[: month.start()] + " " * len(month[0]) + text[month.end() :]
    rest = rest[: year.start()] + " " * len(year[0]) + rest[year.end() :]
    rest = _TIME.sub(lambda time: " " * len(time[0]), rest)
    day = _DAY.search(rest)
    if day is None:
        return None
    number = int(year[1])
    if number > 2400:  # the Thai solar calendar counts from 543 BC
        number -= 543
    iso = _iso(number, _month_names()[month[1].lower()], int(day[1]))
    spans = (month.span(), year.span(), day.span())
    return _spanned(iso, (min(s[0] for s in spans), max(s[1] for s in spans)))


def _spanned(iso: str | None, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    return None if iso is None else (iso, span)


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1800 <= year <= 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_date_line(text: str) -> bool:
    """A short line holding only a date and/or time ("May 8, 2024 4:41 pm.", "2024年5月8日")."""
    if len(text) > 80 or not any(ch.isdigit() for ch in text):
        return False
    rest = _TIME.sub(" ", text)
    rest = _month_pattern().sub(" ", rest)
    rest = _weekday_pattern().sub(" ", rest)
    rest = re.sub(_TIME_ZONES, " ", rest)
    rest = re.sub(r"[年月日년월일时時分秒]", " ", rest)
    rest = re.sub(r"\d+(?:st|nd|rd|th)?", " ", rest)
    words = [w for w in re.split(r"[\s,.:;/|()\-–—+·•]+", rest) if w]
    connectors = {c.lower().rstrip(".") for c in _CONNECTORS}
    return all(w.lower().rstrip(".") in connectors for w in words)


_SEPARATORS = " \t,.;:|·•-–—"
_MONTH_DAY_EAST_ASIAN = re.compile(r"(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")


def month_day(text: str) -> str | None:
    """The date a dateline prints (`May 8`, `8 мая`, `5月8日`, `12 de mayo de 2026`): ISO 8601
    with its year when printed (`2026-05-12`), else month and day (`--05-08`, ISO 8601's form
    for a date without its year)."""
    full = parse_date(text)
    if full is not None:
        return full[:10]
    if match := _MONTH_DAY_EAST_ASIAN.search(text):
        month, day = int(match[1]), int(match[2])
    else:
        name = _month_pattern().search(text)
        rest = text if name is None else text[: name.start()] + " " + text[name.end() :]
        number = _DAY.search(rest)
        if name is None or number is None:
            return None
        month, day = _month_names()[name[1].lower()], int(number[1])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"--{month:02d}-{day:02d}"


def leading_date(text: str) -> tuple[str, str] | None:
    """The date (and time) that opens `text` as ISO 8601, and the text after it; None when the
    text does not open with a date ("2024-05-08 Armenia's prime minister …")."""
    found = _find_date(text)
    if found is None or text[: found[1][0]].strip(_SEPARATORS):
        return None
    day, (_, end) = found
    rest = text[end:]
    time = _TIME.match(rest.lstrip(_SEPARATORS))
    if time is not None:
        rest = rest.lstrip(_SEPARATORS)[time.end() :]
        stamped = parse_date(text[:end] + " " + time[0])
        day = stamped or day
    return day, rest.strip(_SEPARATORS)
