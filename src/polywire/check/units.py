"""Units of measure written beside a number, and what a value in one unit is in another.

A translation that keeps `40` but writes `kilovatios` for `megawatts`, or `millas` for `km`,
changes the fact as surely as a changed number; one that converts (`100 miles` → `161 km`) keeps
it. `checks/units.py` compares the units of both sides, and the numbers check leaves a converted
value to it.

Contract: `find_units(text, language)` gives every number followed by a unit of `UNITS` (length,
mass, area, volume, energy, power, temperature, speed, data size), with the unit's CLDR keys: the
unit's forms come from CLDR through Babel (`unit_patterns`: long, short and narrow, every plural
form, in every regional variant of the language, so `tonnes` and `metric tons` are both
`mass-tonne` in English), matched whole after the number (`12 km`, `12 kilómetros`, `40-megawatt`,
`5 t`, and after a scale word's `de`: `2 millones de toneladas`) or, where the language writes
the unit first, before it (`摂氏 30 度`). A form of two letters or more that is also a scale
word of the language (Portuguese `mm`) is left to the numbers; one of one letter is the numbers'
only glued to the number (`5m`, which they read as 5 million), the unit's when spaced (`40 t`).
`in_base_unit` converts a value into its dimension's base unit; the factors are the SI
definitions (CLDR has no conversions that Babel exposes); `_EXTRA_FORMS` adds the everyday
forms CLDR lacks (`kilos`, and `tons` for the metric ton too). A length squared is an area in
whatever words square it: CLDR's area forms show how the language squares a length (`kilómetros
cuadrados`, `milla cuadrada`), and every length form is read squared those ways (`km
cuadrados`, `kilómetros cuadradas`). A degree written with a lookalike sign (`41 ºC`, `41˚F`)
is a degree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from polywire.check.numbers import NumberMention, find_numbers, scale_words
from polywire.check.text import fold, fold_arabic
from polywire.language_tags import base_language, regional_locales

__all__ = ["UNITS", "UnitMention", "dimension", "find_units", "in_base_unit"]

#: CLDR unit key → its factor to the base unit of its dimension (metre, kilogram, square metre,
#: litre, joule, watt, metre per second, byte); temperatures are converted by `in_base_unit`.
UNITS: dict[str, Decimal] = {
    "length-kilometer": Decimal(1000),
    "length-meter": Decimal(1),
    "length-centimeter": Decimal("0.01"),
    "length-millimeter": Decimal("0.001"),
    "length-mile": Decimal("1609.344"),
    "length-yard": Decimal("0.9144"),
    "length-foot": Decimal("0.3048"),
    "length-inch": Decimal("0.0254"),
    "length-nautical-mile": Decimal(1852),
    "mass-tonne": Decimal(1000),
    "mass-kilogram": Decimal(1),
    "mass-gram": Decimal("0.001"),
    "mass-milligram": Decimal("0.000001"),
    "mass-ton": Decimal("907.18474"),
    "mass-pound": Decimal("0.45359237"),
    "mass-ounce": Decimal("0.028349523125"),
    "area-square-kilometer": Decimal(1000000),
    "area-hectare": Decimal(10000),
    "area-square-meter": Decimal(1),
    "area-square-mile": Decimal("2589988.110336"),
    "area-acre": Decimal("4046.8564224"),
    "area-square-foot": Decimal("0.09290304"),
    "volume-cubic-meter": Decimal(1000),
    "volume-hectoliter": Decimal(100),
    "volume-liter": Decimal(1),
    "volume-milliliter": Decimal("0.001"),
    "volume-gallon": Decimal("3.785411784"),
    "volume-barrel": Decimal("158.987294928"),
    "energy-joule": Decimal(1),
    "energy-kilojoule": Decimal(1000),
    "energy-kilocalorie": Decimal(4184),
    "energy-kilowatt-hour": Decimal(3600000),
    "power-watt": Decimal(1),
    "power-kilowatt": Decimal(1000),
    "power-megawatt": Decimal(1000000),
    "power-gigawatt": Decimal(1000000000),
    "power-horsepower": Decimal("745.69987158227022"),
    "speed-meter-per-second": Decimal(1),
    "speed-kilometer-per-hour": Decimal(1000) / Decimal(3600),
    "speed-mile-per-hour": Decimal("0.44704"),
    "speed-knot": Decimal(1852) / Decimal(3600),
    "digital-byte": Decimal(1),
    "digital-kilobyte": Decimal(1000),
    "digital-megabyte": Decimal(10**6),
    "digital-gigabyte": Decimal(10**9),
    "digital-terabyte": Decimal(10**12),
    "temperature-celsius": Decimal(1),
    "temperature-fahrenheit": Decimal(1),
    "temperature-kelvin": Decimal(1),
}
#: Every length's square, keyed as CLDR keys it (`area-square-centimeter`): its forms come from
#: CLDR where it has the unit, and from `_squared_forms` where a translation squares a length in
#: its own words (`kilómetros cuadradas`).
UNITS |= {
    f"area-square-{key.removeprefix('length-')}": factor * factor
    for key, factor in list(UNITS.items())
    if key.startswith("length-") and f"area-square-{key.removeprefix('length-')}" not in UNITS
}
#: Everyday forms CLDR does not list: `kilo` for the kilogram; English `tons` for the metric
#: ton as well as the short ton (CLDR's `tons` is the short ton only), which a translation
#: writes `tonnes` or `toneladas`; Portuguese `toneladas` (CLDR has `toneladas métricas` only).
_EXTRA_FORMS: dict[str, dict[str, str]] = {
    "en": {
        "kilos": "mass-kilogram",
        "kilo": "mass-kilogram",
        "tons": "mass-tonne",
        "ton": "mass-tonne",
    },
    "es": {"kilos": "mass-kilogram", "kilo": "mass-kilogram"},
    "fr": {"kilos": "mass-kilogram", "kilo": "mass-kilogram"},
    "pt": {
        "quilos": "mass-kilogram",
        "quilo": "mass-kilogram",
        "toneladas": "mass-tonne",
        "tonelada": "mass-tonne",
    },
    "de": {"Kilo": "mass-kilogram"},
}
_WIDTHS = ("long", "short", "narrow")
#: What may stand between a number and its unit: `12 km`, `12km`, `40-megawatt`.
_GAP = r"[\s\u00a0\u202f-]?"
#: The word a scale word takes before what it counts (`1,3 millones de toneladas`, `2 millions
#: d'hectares`, `5 millions of barrels`): a scaled number's unit may follow it.
_OF = re.compile(r"\s+(?:(?:de|of|des|do|da|di)\s+|d['’]\s?)", re.IGNORECASE)
#: A character written for the degree sign before `C` or `F` (`46 ºC`, the masculine ordinal
#: indicator of Spanish and Portuguese keyboards, which `fold` would make an `o`; `46˚C`, the
#: ring above): one character for one, so places stay the text's.
_DEGREE_LOOKALIKE = re.compile(r"(?:(?<=\d)|(?<=\d\s))[º˚](?=[CF](?!\w))")
#: Languages that write a unit glued to the next word (`5キロメートルの`).
_UNSPACED = {"ja", "zh", "th", "ko"}


@dataclass(frozen=True)
class UnitMention:
    """A number and its unit as written (`12 km`): the number, the unit's keys (one, or several
    when a form names several units, `°` in some languages) and where the unit is written."""

    number: NumberMention
    keys: frozenset[str]
    text: str
    start: int
    end: int


def dimension(key: str) -> str:
    """`length` of `length-kilometer`."""
    return key.split("-", 1)[0]


def in_base_unit(value: Decimal, key: str) -> Decimal:
    """`value` in `key`'s unit, in its dimension's base unit (Celsius for temperatures)."""
    if key == "temperature-fahrenheit":
        return (value - 32) * 5 / 9
    if key == "temperature-kelvin":
        return value - Decimal("273.15")
    return value * UNITS[key]


def find_units(text: str, language: str, *, lenient: bool = False) -> list[UnitMention]:
    """Every number of `text` written with a unit of `UNITS`; `lenient`, each number with every
    value it may mean (a translation's reading, as `find_numbers` gives it)."""
    language = base_language(language)
    folded = fold(_DEGREE_LOOKALIKE.sub("°", text))
    after, before = _patterns(language)
    forms = _forms(language)
    found = []
    for number in find_numbers(folded, language, lenient=lenient):
        following = after.match(folded, number.end) if after else None
        connector = _OF.match(folded, number.end) if number.scale != 1 else None
        if after and connector and not following:
            following = after.match(folded, connector.end())
        if following:
            form = following.group("unit")
            start, end = following.start("unit"), following.end("unit")
        else:
            preceding = before.search(folded, 0, number.start) if before else None
            if not preceding:
                continue
            form = preceding.group("unit")
            start, end = preceding.start("unit"), preceding.end("unit")
        keys = forms.get(form) or forms.get(form.lower(), frozenset())
        if keys:
            found.append(UnitMention(number, keys, folded[start:end], start, end))
    return found


@lru_cache(maxsize=64)
def _patterns(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """A unit form right after a number, and one right before it (longest first)."""
    suffixes, prefixes = _forms_by_place(language)
    tail = "" if language in _UNSPACED else r"(?!\w)"
    after = before = None
    if suffixes:
        alternatives = "|".join(re.escape(f) for f in sorted(suffixes, key=len, reverse=True))
        after = re.compile(rf"{_GAP}(?P<unit>{alternatives}){tail}")
    if prefixes:
        alternatives = "|".join(re.escape(f) for f in sorted(prefixes, key=len, reverse=True))
        before = re.compile(rf"(?P<unit>{alternatives})\s?$")
    return after, before


@lru_cache(maxsize=64)
def _forms(language: str) -> dict[str, frozenset[str]]:
    suffixes, prefixes = _forms_by_place(language)
    return {**prefixes, **suffixes}


@lru_cache(maxsize=64)
def _forms_by_place(
    language: str,
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Unit form → the units it may name, for forms written after the number and before it. A
    long form is matched in lower case and capitalised as well (`Kilometer`, `kilometer`)."""
    scales = scale_words(language)
    places: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
    for locale in regional_locales(language):
        patterns = locale._data.get("unit_patterns", {})
        for key in UNITS:
            for width in _WIDTHS:
                for count, pattern in patterns.get(key, {}).get(width, {}).items():
                    if count == "per" or "{0}" not in pattern:
                        continue
                    head, _, tail = str(pattern).partition("{0}")
                    head, tail = head.strip(" \u00a0\u202f"), tail.strip(" \u00a0\u202f")
                    place, form = (0, tail) if tail else (1, head)
                    if not form or (form.lower() in scales and len(form) > 1):
                        continue
                    variants = {form, fold_arabic(form)}  # `كيلومترًا` written `كيلومترا`
                    if width == "long":
                        variants |= {form.lower(), form[:1].upper() + form[1:]}
                    for variant in variants:
                        places[place].setdefault(variant, set()).add(key)
    for form, key in _EXTRA_FORMS.get(language, {}).items():
        places[0].setdefault(form, set()).add(key)
    for form, keys in _squared_forms(places[0]).items():
        places[0].setdefault(form, set()).update(keys)
    suffixes, prefixes = ({f: frozenset(k) for f, k in table.items()} for table in places)
    return suffixes, prefixes


def _squared_forms(suffixes: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each length's form squared as the language squares a length, in every gender and number
    it does: the ways CLDR's area forms write a length squared (`kilómetros cuadrados`, `milla
    cuadrada` → `{0} cuadrados`, `{0} cuadrada`; `Quadratkilometer` → `Quadrat{0}`), applied
    to every length form (`kilómetros cuadradas`, `km cuadrados`: an engine or a writer gives
    the adjective another gender, or squares an abbreviation)."""
    by_key: dict[str, set[str]] = {}
    for form, keys in suffixes.items():
        for key in keys:
            by_key.setdefault(key, set()).add(form)
    lengths = {
        key.removeprefix("length-"): forms
        for key, forms in by_key.items()
        if key.startswith("length-")
    }
    squares: set[str] = set()
    for length, forms in lengths.items():
        for area in by_key.get(f"area-square-{length}", ()):
            for form in forms:
                places = [m.start() for m in re.finditer(rf"{re.escape(form)}(?!\w)", area)]
                if len(places) == 1 and len(form) >= 2:
                    at = places[0]
                    squares.add(area[:at] + "{0}" + area[at + len(form) :])
    squares.discard("{0}")
    return {
        square.replace("{0}", form): {f"area-square-{length}"}
        for length, forms in lengths.items()
        for form in forms
        for square in squares
    }
