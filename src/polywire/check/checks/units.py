"""A value's unit is the translation's: `40 megawatts` is not `40 kilovatios`, nor `12 km`
`12 millas`.

Units are read by `check.units` on both sides, the translation's numbers leniently (`3,200`
may be 3200 in Spanish where the translation keeps the source's separators). A source value the
translation writes with its unit too (`12 km` as `12 kilómetros`: the same unit in another form;
the unit beside another value does not count), or writes as the source does (`402 hp`), is kept;
a translation value that is one of the source's own (`300 kW (402 hp)`) is no conversion of
another. Otherwise, a translation value of the same dimension that is the same quantity in
another unit (`100 miles` as `161 km`, `5 tonnes` as `5 toneladas` read as short tons too) is a
conversion: minor when the number differs (a reader may want the source's unit), nothing when it
does not. The same number in a unit of the same dimension that is another quantity is major,
with both spans. A different number in another unit is the numbers check's finding, not this
one's. For a source area, the translation's lengths count as their squares too (`87 square
miles` → `87 milles cadrés`: an engine that garbles the word for `square` keeps the length).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from polywire.check.model import Issue, Pair, Severity
from polywire.check.text import excerpt, fold
from polywire.check.units import UnitMention, dimension, find_units, in_base_unit
from polywire.settings.check import CheckSettings

__all__ = ["check_units", "converted"]

#: How far a converted value may be rounded: `100 miles` is `161 km` (160.9) or `160 km`.
_ROUNDING = Decimal("0.06")
#: Degrees a converted temperature may be rounded by.
_DEGREES = Decimal(1)


def check_units(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source_units = find_units(pair.source, pair.source_language)
    if not source_units:
        return []
    target_units = find_units(pair.target, pair.target_language, lenient=True)
    source, target = fold(pair.source), fold(pair.target)
    issues = []
    for mention in source_units:
        read = _squared_if_area(mention, target_units)
        if _kept(mention, read) or _verbatim(mention, target):
            continue
        others = _other_units(mention, _unmatched(read, source_units))
        conversion = next((t for t in others if _same_quantity(mention, t)), None)
        changed = next((t for t in others if t.number.values & mention.number.values), None)
        if conversion is not None:
            if conversion.number.values & mention.number.values:
                continue
            severity, other = Severity.MINOR, conversion
            message = (
                f"The source's {mention.number.text} {mention.text} is converted to "
                f"{conversion.number.text} {conversion.text} in the translation."
            )
        elif changed is not None:
            severity, other = Severity.MAJOR, changed
            message = (
                f"The source's {mention.number.text} {mention.text} is "
                f"{changed.number.text} {changed.text} in the translation: another unit."
            )
        else:
            continue
        issues.append(
            Issue(
                "units",
                severity,
                excerpt(source, mention.start, mention.end),
                excerpt(target, other.start, other.end),
                message,
                source_span=(mention.start, mention.end),
                target_span=(other.start, other.end),
            )
        )
    return issues


def converted(pair: Pair) -> set[tuple[int, int]]:
    """The places of the source numbers the translation gives converted into another unit
    (`100 miles` as `161 km`), which the numbers check leaves to this one."""
    source_units = find_units(pair.source, pair.source_language)
    target_units = find_units(pair.target, pair.target_language, lenient=True)
    found = set()
    for mention in source_units:
        read = _squared_if_area(mention, target_units)
        others = _other_units(mention, _unmatched(read, source_units))
        if not _kept(mention, read) and any(_same_quantity(mention, t) for t in others):
            found.add((mention.number.start, mention.number.end))
    return found


def _squared_if_area(mention: UnitMention, target_units: list[UnitMention]) -> list[UnitMention]:
    """For an area of the source, the translation's lengths read as their squares too: an engine
    that does not know the language's word for `square` leaves the length alone or garbles the
    word (`87 square miles` → `87 milles cadrés`), and the length still says which unit it is."""
    if _dimensions(mention) != {"area"}:
        return target_units
    squares = [
        replace(t, keys=frozenset(f"area-square-{key.removeprefix('length-')}" for key in t.keys))
        for t in target_units
        if _dimensions(t) == {"length"}
    ]
    return target_units + squares


def _kept(mention: UnitMention, target_units: list[UnitMention]) -> bool:
    """Whether the translation writes the source's value in its unit (`16 feet` as `16 pés`):
    the unit written for another value (`six feet` as `seis pés`) does not keep this one."""
    return any(
        t.keys & mention.keys and t.number.values & mention.number.values for t in target_units
    )


def _other_units(mention: UnitMention, target_units: list[UnitMention]) -> list[UnitMention]:
    """The translation's values in another unit of the mention's dimension: the same unit with
    another number (`3,200 miles` as `3,300 millas`) is a changed number, no conversion."""
    return [
        t
        for t in target_units
        if _dimensions(t) & _dimensions(mention) and not t.keys & mention.keys
    ]


def _unmatched(
    target_units: list[UnitMention], source_units: list[UnitMention]
) -> list[UnitMention]:
    """The translation's values with units that are not the source's own (`300 kW (402 hp)`:
    the translation's `300 kW` is the source's, not a conversion of its `402 hp`)."""
    return [
        t
        for t in target_units
        if not any(t.keys & s.keys and t.number.values & s.number.values for s in source_units)
    ]


def _verbatim(mention: UnitMention, target: str) -> bool:
    """Whether the translation writes the value and its unit as the source does (`402 hp`)."""
    written = rf"{re.escape(mention.number.text)}[\s\u00a0-]?{re.escape(mention.text)}"
    return re.search(rf"(?<![\w.,]){written}(?!\w)", target) is not None


def _dimensions(mention: UnitMention) -> set[str]:
    return {dimension(key) for key in mention.keys}


def _same_quantity(one: UnitMention, other: UnitMention) -> bool:
    """Whether two values with units are the same quantity, rounded as a translator rounds."""
    for key in one.keys:
        for other_key in other.keys:
            if dimension(key) != dimension(other_key):
                continue
            for value in one.number.values:
                for other_value in other.number.values:
                    a, b = in_base_unit(value, key), in_base_unit(other_value, other_key)
                    if dimension(key) == "temperature":
                        if abs(a - b) <= _DEGREES:
                            return True
                    elif abs(a - b) <= _ROUNDING * max(abs(a), abs(b)):
                        return True
    return False
