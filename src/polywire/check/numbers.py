"""Numbers as written in any language, read into the values they may mean.

Digits of every script are folded to ASCII first (`text.fold`). A token such as `1,500` is read
with the language's CLDR decimal and group symbols (Babel), and where the reading is ambiguous
(`1.500` is 1500 in German and 1.5 in English) both readings are kept. Scale words come from the
CLDR compact decimal formats of every regional variant of the language (`million`, `Millionen`,
`triệu`, `万`, `億`, `억`, `ล้าน` …), so `1.5 million` and `150万` both mean 1 500 000. Small
spelled-out numbers (one to ten) come from num2words, with a few inflected or counter forms it does
not produce written out below; CLDR has the spell-out rules but Babel does not expose them.

A translation's Roman numerals count for their values (`siglo XIV` for `14th century`). A source
number is required in the translation; a translation's number counts for every value it
may mean (a lenient reading), so that only a number that is really absent is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from num2words import CONVERTER_CLASSES, num2words

from polywire.check.calendar_names import find_calendar
from polywire.check.text import fold
from polywire.language_tags import base_language, locale_for, regional_locales

_TOKEN = re.compile(r"\d+(?:(?:[.,'’]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*")
#: After an hour, with its minutes or not: `3 p.m.`, `3:42 pm`.
_PM = re.compile(r"(?::\d{2})?\s?(?:p\.\s?m\.|pm\b|PM\b)")
_SPACE_GROUPS = {" ", "\u00a0", "\u202f", "\u2009", "'", "’"}

#: Scale words and abbreviations CLDR does not list: English newsrooms' (`bn`, `4k`, `1B`, Indian
#: English `lakh` and `crore`), Arabic plurals.
_EXTRA_SCALES: dict[str, dict[str, int]] = {
    "en": {
        "bn": 10**9,
        "mn": 10**6,
        "m": 10**6,
        "tn": 10**12,
        "k": 10**3,
        "b": 10**9,
        "lakh": 10**5,
        "lakhs": 10**5,
        "crore": 10**7,
        "crores": 10**7,
    },
    # what engines write for "billion": "2 miles de millones" is 2 × 10⁹ too, and so are the
    # French and Portuguese calques of it and French "mille millions" (`mil millions`, the
    # engine's calque of "mil millones")
    "es": {"miles de millones": 10**9},
    "fr": {"milliers de millions": 10**9, "mille millions": 10**9, "mil millions": 10**9},
    "pt": {"milhares de milhões": 10**9},
    # plurals and older words CLDR's compact formats leave out
    "ar": {"مليارات": 10**9, "بليون": 10**9, "بلايين": 10**9, "تريليون": 10**12, "مليونا": 10**6},
}
#: Spelled small numbers num2words does not produce: counters, inflections and gender forms.
_EXTRA_SPELLED: dict[str, dict[str, int]] = {
    "en": {"a dozen": 12, "dozen": 12},
    "de": {"ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1},
    "fr": {"une": 1},
    "es": {"un": 1, "una": 1},
    "pt": {"uma": 1, "duas": 2},
    "ru": {
        "одна": 1,
        "одно": 1,
        "одного": 1,
        "две": 2,
        "двух": 2,
        "трёх": 3,
        "трех": 3,
        "четырёх": 4,
        "четырех": 4,
        "пяти": 5,
        "шести": 6,
        "семи": 7,
        "восьми": 8,
        "девяти": 9,
        "десяти": 10,
    },
    "ko": {
        "한": 1,
        "두": 2,
        "세": 3,
        "네": 4,
        "다섯": 5,
        "여섯": 6,
        "일곱": 7,
        "여덟": 8,
        "아홉": 9,
        "열": 10,
    },
    "ja": {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10},
    "zh": {
        "两": 2,
        "兩": 2,
        "二": 2,
        "三": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "七": 7,
        "八": 8,
        "九": 9,
        "十": 10,
    },
}
#: Spelled numbers that are more often another word: Vietnamese `năm` is five and the year.
_AMBIGUOUS = {"vi": {"năm"}}
#: num2words has no converter of its own for these; a close language's words serve.
_SPELLED_LIKE = {"ms": "id"}
#: Scripts written without spaces between words: spelled numbers are found inside words.
_UNSPACED = {"ja", "zh", "th", "ko"}
#: Languages whose num2words output is too short or too common a word to be matched alone.
_NO_NUM2WORDS = {"ko", "ja", "zh"}


#: A Roman numeral (`XIV`, `XXI`: a whole word of two letters or more): a century or an
#: ordinal (`siglo XIV`).
ROMAN = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_WORD = re.compile(r"\b[IVXLC]{2,}\b")
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int:
    values = [_ROMAN_DIGITS[char] for char in numeral]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


@dataclass(frozen=True)
class NumberMention:
    """A number as written (`1,5 Mio.`) and the values it may mean."""

    text: str
    start: int
    end: int
    values: frozenset[Decimal]
    #: The multiplier of the scale word written after the digits (`billion`: 10⁹), else 1.
    scale: int = 1


def find_numbers(text: str, language: str, *, lenient: bool = False) -> list[NumberMention]:
    """Every number of `text`, read as the language writes numbers (the strict reading); or,
    `lenient`, each with every value it may mean, as a translation's numbers are read (`3,200`
    in Spanish is 3.2, or 3200 where the translation keeps the source's separators)."""
    return _mentions(fold(text), language, lenient=lenient)


def available_values(text: str, language: str) -> set[Decimal]:
    """Every value a translation may be saying somewhere, read leniently."""
    return set(_available_values(text, language))


def clear_cache() -> None:
    _available_values.cache_clear()


@lru_cache(maxsize=4096)
def _available_values(text: str, language: str) -> frozenset[Decimal]:
    folded = fold(text)
    values: set[Decimal] = set()
    for mention in _mentions(folded, language, lenient=True):
        values |= mention.values
    values |= _spelled_values(folded, language)
    values |= {
        Decimal(roman_value(m.group()))
        for m in _ROMAN_WORD.finditer(folded)
        if ROMAN.fullmatch(m.group())
    }
    if base_language(language) == "th":  # Thai years may be Buddhist era years
        values |= {v - 543 for v in values if 2400 < v < 2800}
    return frozenset(values)


def _mentions(text: str, language: str, *, lenient: bool) -> list[NumberMention]:
    decimal_symbol, group_symbol = _symbols(language)
    scales = _scale_pattern(base_language(language))
    found: list[NumberMention] = []
    for match in _TOKEN.finditer(text):
        readings, parts = _readings(match.group(), decimal_symbol, group_symbol, lenient=lenient)
        end = match.end()
        scale = scales.match(text, end) if scales and readings else None
        multiplier = 1
        if scale:
            multiplier = _scales(base_language(language))[_scale_key(scale.group())]
            scaled = {v * multiplier for v in readings}
            end = scale.end()
            previous = found[-1] if found else None
            if previous and previous.end == match.start() and _is_scaled(previous):
                # 1億5000万: one number written in two scaled parts
                joined = {a + b for a in previous.values if a >= 10_000 for b in scaled}
                found[-1] = NumberMention(
                    text[previous.start : end],
                    previous.start,
                    end,
                    frozenset(joined | (previous.values | readings | parts if lenient else set())),
                )
                continue
            values = scaled | readings | parts if lenient else scaled
        else:
            values = readings | parts
            if _PM.match(text, end):
                values |= {v + 12 for v in readings if 0 < v <= 12}
        if values:
            written = text[match.start() : end]
            found.append(NumberMention(written, match.start(), end, frozenset(values), multiplier))
    return found


def _is_scaled(mention: NumberMention) -> bool:
    return not mention.text[-1:].isdigit()


def _readings(
    token: str, decimal_symbol: str, group_symbol: str, *, lenient: bool
) -> tuple[set[Decimal], set[Decimal]]:
    """The readings of a number token, and (for a date, a version or a lenient reading) its
    digit groups read as numbers of their own."""
    parts = re.split(r"\D", token)
    separators = re.findall(r"\D", token)
    if not separators:
        return {Decimal(token)}, set()
    kinds = {" " if s in _SPACE_GROUPS else s for s in separators}
    whole = "".join(parts)
    grouped = len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]) and parts[0] != "0"
    readings: set[Decimal] = set()
    if len(kinds) == 1:
        kind = kinds.pop()
        as_decimal = Decimal(parts[0] + "." + parts[1])
        if kind == " " and grouped:
            readings.add(Decimal(whole))
        elif len(parts) == 2 and not grouped:
            readings.add(as_decimal)
        elif len(parts) == 2:
            if kind == decimal_symbol or lenient or kind != group_symbol:
                readings.add(as_decimal)
            if kind == group_symbol or lenient or kind != decimal_symbol:
                readings.add(Decimal(whole))
        elif grouped:
            readings.add(Decimal(whole))
    else:
        decimal_mark = separators[-1]
        head = parts[:-1]
        if len(head[0]) <= 3 and all(len(p) == 3 for p in head[1:]) and decimal_mark in ".,":
            readings.add(Decimal("".join(head) + "." + parts[-1]))
    parts_read = {Decimal(part) for part in parts} if not readings or lenient else set()
    return readings, parts_read


@lru_cache(maxsize=64)
def _symbols(language: str) -> tuple[str, str]:
    symbols = locale_for(language).number_symbols.get("latn", {})
    decimal_symbol = str(symbols.get("decimal", "."))
    group_symbol = str(symbols.get("group", ","))
    return decimal_symbol, " " if group_symbol in _SPACE_GROUPS else group_symbol


@lru_cache(maxsize=64)
def _scales(language: str) -> dict[str, int]:
    """Scale word → multiplier, from the CLDR compact decimal formats of every variant."""
    scales: dict[str, int] = {}
    for locale in regional_locales(language):
        for width in ("long", "short"):
            formats = locale.compact_decimal_formats.get(width) or {}
            for plural in formats.values():
                for magnitude, pattern in plural.items():
                    text = str(pattern.pattern).replace("'", "")
                    zeros = text.count("0")
                    word = text.replace("0", "").strip(" \u00a0")
                    if zeros and word and not any(c.isdigit() for c in word):
                        scales.setdefault(_scale_key(word), int(magnitude) // 10 ** (zeros - 1))
    for word, multiplier in _EXTRA_SCALES.get(language, {}).items():
        scales.setdefault(word, multiplier)
    return scales


def scale_words(language: str) -> frozenset[str]:
    """The scale words of a language, in lower case (`million`, `millionen`, `triệu`, `万`)."""
    return frozenset(_scales(base_language(language)))


def _scale_key(word: str) -> str:
    return " ".join(word.split()).lower()


@lru_cache(maxsize=64)
def _scale_pattern(language: str) -> re.Pattern[str] | None:
    """Any scale word right after a number, longest first (`mil millones` before `mil`)."""
    alternatives = []
    for word in sorted(_scales(language), key=len, reverse=True):
        escaped = r"\s+".join(re.escape(part) for part in word.split())
        single_letter = word.isascii() and word.isalpha() and len(word) == 1
        gap = "" if single_letter else r"\s?"
        spaced_word = word[-1].isalpha() and (word.isascii() or language not in _UNSPACED)
        tail = r"(?!\w)" if spaced_word else ""
        alternatives.append(f"{gap}{escaped}{tail}")
    if not alternatives:
        return None
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


def _spelled_values(text: str, language: str) -> set[Decimal]:
    """Spelled numbers, except inside a weekday or month name (Vietnamese `thứ Ba`, `tháng Năm`)."""
    calendar = [(m.start, m.end) for m in find_calendar(text, language)]
    return {
        Decimal(value)
        for word, value in _spelled(base_language(language))
        for match in word.finditer(text)
        if not any(start <= match.start() < end for start, end in calendar)
    }


@lru_cache(maxsize=64)
def _spelled(language: str) -> tuple[tuple[re.Pattern[str], int], ...]:
    words: dict[str, int] = {}
    source = _SPELLED_LIKE.get(language, language)
    if source in CONVERTER_CLASSES and source not in _NO_NUM2WORDS:
        words.update({str(num2words(n, lang=source)): n for n in range(1, 11)})
    words.update(_EXTRA_SPELLED.get(source, {}))
    for word in _AMBIGUOUS.get(source, ()):
        words.pop(word, None)
    patterns = []
    for word, value in words.items():
        if source == "ko":
            pattern = rf"(?<!\w){re.escape(word)}(?=\s)"
        elif source in _UNSPACED:
            pattern = re.escape(word)
        else:
            pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
        patterns.append((re.compile(pattern, re.IGNORECASE), value))
    return tuple(patterns)
