"""Weekdays and months of the source are the same weekdays and months in the translation,
as many times as the source names them when the translation names another one instead."""

from __future__ import annotations

from collections import Counter

from polywire.check.calendar_names import (
    MONTH,
    WEEKDAY,
    CalendarMention,
    find_calendar,
    names_of,
    numeric_months,
)
from polywire.check.model import Issue, Pair, Severity
from polywire.check.text import excerpt, fold
from polywire.settings.check import CheckSettings


def check_dates(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source_mentions = find_calendar(pair.source, pair.source_language)
    if not source_mentions:
        return []
    target_mentions = find_calendar(pair.target, pair.target_language)
    source, target = fold(pair.source), fold(pair.target)
    issues = []
    for kind in (WEEKDAY, MONTH):
        wanted = {m.index: m for m in source_mentions if m.kind == kind}
        present = {m.index: m for m in target_mentions if m.kind == kind}
        satisfied = set(present) | (numeric_months(pair.target) if kind == MONTH else set())
        extra = [m for index, m in present.items() if index not in wanted]
        written = Counter(m.index for m in target_mentions if m.kind == kind)
        needed = Counter(m.index for m in source_mentions if m.kind == kind)
        for index, mention in wanted.items():
            # as a multiset: one of two `March` turned into `April` leaves one short
            short = extra and index in present and written[index] < needed[index]
            if index in satisfied and not short:
                continue
            issues.append(_issue(pair, kind, mention, extra, source, target))
    return issues


def _issue(
    pair: Pair,
    kind: str,
    mention: CalendarMention,
    extra: list[CalendarMention],
    source: str,
    target: str,
) -> Issue:
    expected = names_of(pair.target_language, kind, mention.index)
    source_excerpt = excerpt(source, mention.start, mention.end)
    if extra:
        found = extra[0]
        return Issue(
            "dates",
            Severity.MAJOR,
            source_excerpt,
            excerpt(target, found.start, found.end),
            f"The source says {mention.text}; the translation says {found.text} "
            f"({names_of(pair.source_language, kind, found.index)}) instead of {expected}.",
            source_span=(mention.start, mention.end),
            target_span=(found.start, found.end),
        )
    return Issue(
        "dates",
        Severity.MINOR,
        source_excerpt,
        excerpt(target),
        f"The source names the {kind} {mention.text}; the translation does not ({expected}).",
        source_span=(mention.start, mention.end),
    )
