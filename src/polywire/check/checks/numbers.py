"""Every number of the source paragraph is in the translation, whatever its notation.

A number inside a month name (`tháng 11`, `11月`) is the dates check's to judge."""

from __future__ import annotations

from decimal import Decimal

from polywire.check.calendar_names import find_calendar
from polywire.check.model import Issue, Pair, Severity
from polywire.check.numbers import available_values, find_numbers
from polywire.check.settings import CheckSettings
from polywire.check.text import excerpt, fold

#: A lone 1 is as often an article in the other language (`1日` is "a day", `1 kWh` "per kWh").
_ONE = frozenset({Decimal(1)})


def check_numbers(pair: Pair, settings: CheckSettings) -> list[Issue]:
    available = available_values(pair.target, pair.target_language)
    calendar = find_calendar(pair.source, pair.source_language)
    missing = [
        mention
        for mention in find_numbers(pair.source, pair.source_language)
        if not mention.values & available
        and mention.values != _ONE
        and not any(m.start < mention.end and mention.start < m.end for m in calendar)
    ]
    if not missing:
        return []
    source_values = available_values(pair.source, pair.source_language)
    target = fold(pair.target)
    strays = [
        mention
        for mention in find_numbers(pair.target, pair.target_language)
        if not mention.values & source_values
    ]
    issues = []
    reported: set[str] = set()
    source = fold(pair.source)
    for mention in missing:
        if mention.text in reported:
            continue
        reported.add(mention.text)
        if strays:
            stray = strays[0]
            message = (
                f"The number {mention.text} of the source is not in the translation, which has "
                f"{', '.join(s.text for s in strays)} where the source has no such number."
            )
            target_excerpt = excerpt(target, stray.start, stray.end)
        else:
            message = f"The number {mention.text} of the source is not in the translation."
            target_excerpt = excerpt(target)
        issues.append(
            Issue(
                "numbers",
                Severity.MAJOR,
                excerpt(source, mention.start, mention.end),
                target_excerpt,
                message,
            )
        )
    return issues
