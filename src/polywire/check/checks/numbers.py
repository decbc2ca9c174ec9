"""Every number of the source paragraph is in the translation, whatever its notation.

A number inside a month name (`tháng 11`, `11月`) is the dates check's to judge. Numbers count
as a multiset: a value the source writes twice must be written twice, so that one of two
occurrences changed is found; a repetition the translation leaves out (a pronoun for the second
`2,400`) is reported only when the translation has a number the source lacks, or writes one
more often than the source does (`7-6` → `7-7`). A scaled number
is judged by its scale too: `5 billion` is not `5 billones` (5 × 10¹² in Spanish). A value the
translation gives converted into another unit (`100 miles` as `161 km`) is the units check's."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from polywire.check.calendar_names import CalendarMention, find_calendar
from polywire.check.checks.units import converted
from polywire.check.model import Issue, Pair, Severity
from polywire.check.numbers import NumberMention, available_values, find_numbers
from polywire.check.text import excerpt, fold
from polywire.settings.check import CheckSettings

#: A lone 1 is as often an article in the other language (`1日` is "a day", `1 kWh` "per kWh").
_ONE = frozenset({Decimal(1)})


def check_numbers(pair: Pair, settings: CheckSettings) -> list[Issue]:
    available = available_values(pair.target, pair.target_language)
    calendar = find_calendar(pair.source, pair.source_language)
    target_text = fold(pair.target)
    in_other_units = converted(pair)
    missing = [
        mention
        for mention in find_numbers(pair.source, pair.source_language)
        if not mention.values & available
        and not _verbatim(mention, target_text)
        and (mention.start, mention.end) not in in_other_units
        and mention.values != _ONE
        and not any(m.start < mention.end and mention.start < m.end for m in calendar)
    ]
    source_values = available_values(pair.source, pair.source_language)
    target_mentions = find_numbers(pair.target, pair.target_language)
    missing += _rescaled(pair, target_mentions, missing)
    strays = [mention for mention in target_mentions if not mention.values & source_values]
    excess = _written_more(find_numbers(pair.source, pair.source_language), target_mentions)
    if strays or excess:
        missing += _repetitions_short(pair, calendar, target_mentions, missing, bool(excess))
        strays = strays or excess
    if not missing:
        return []
    target = fold(pair.target)
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
            target_span: tuple[int, int] | None = (stray.start, stray.end)
        else:
            target_span = None
            message = f"The number {mention.text} of the source is not in the translation."
            target_excerpt = excerpt(target)
        issues.append(
            Issue(
                "numbers",
                Severity.MAJOR,
                excerpt(source, mention.start, mention.end),
                target_excerpt,
                message,
                source_span=(mention.start, mention.end),
                target_span=target_span,
            )
        )
    return issues


def _written_more(
    source_mentions: list[NumberMention], target_mentions: list[NumberMention]
) -> list[NumberMention]:
    """Translation numbers written more often than the source writes them (`7-6` → `7-7`: a
    second 7 where the source has one), read as the language writes them."""
    written = Counter(min(m.values) for m in source_mentions if m.values)
    counted = Counter(min(m.values) for m in target_mentions if m.values)
    extra = {value for value, count in counted.items() if count > written[value]}
    return [m for m in target_mentions if m.values and min(m.values) in extra]


def _repetitions_short(
    pair: Pair,
    calendar: list[CalendarMention],
    target_mentions: list[NumberMention],
    missing: list[NumberMention],
    ones: bool = False,
) -> list[NumberMention]:
    """Numbers the source repeats, written fewer times in the translation (a 1 too when
    another number is written more often than in the source)."""
    mentions = find_numbers(pair.source, pair.source_language)
    written = Counter(m.values for m in mentions)
    counted = [
        m
        for m in mentions
        if written[m.values] > 1
        and m not in missing
        and (ones or m.values != _ONE)
        and not any(c.start < m.end and m.start < c.end for c in calendar)
    ]
    unused = list(target_mentions)
    short = []
    for mention in counted:
        match = next(
            (t for t in unused if t.values & mention.values or t.text == mention.text), None
        )
        if match is None:
            short.append(mention)
        else:
            unused.remove(match)
    return short


def _rescaled(
    pair: Pair, target_mentions: list[NumberMention], missing: list[NumberMention]
) -> list[NumberMention]:
    """Scaled source numbers whose digits the translation writes with another scale word:
    `5 billion` as `5 billones` (5 × 10¹² in Spanish) or `5 millions`."""
    rescaled = []
    for mention in find_numbers(pair.source, pair.source_language):
        if mention.scale == 1 or mention in missing:
            continue
        digits = {v / mention.scale for v in mention.values}
        if any(t.text == mention.text for t in target_mentions):
            continue  # written as the source writes it (`1B`, `4k`): the same number
        same_digits = [
            t for t in target_mentions if t.scale > 1 and {v / t.scale for v in t.values} & digits
        ]
        if same_digits and not any(t.values & mention.values for t in same_digits):
            rescaled.append(mention)
    return rescaled


def _verbatim(mention: NumberMention, target: str) -> bool:
    """Whether the translation writes the number exactly as the source does (`1B`, `4k`,
    `24 lakh`), which is the same number whatever the target language's scale words say."""
    return re.search(rf"(?<![\w.,]){re.escape(mention.text)}(?!\w)", target) is not None
