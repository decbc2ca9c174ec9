"""Weekday and month names in any language, from CLDR through Babel.

Every CLDR form of every regional variant of a language is used: format and stand-alone, wide
(and for months, abbreviated when written beside a day number: `Jan. 5`, `5 janv.`). Matching is
case-sensitive where the language capitalises the names (English `May`, not the verb `may`), and
allows a capital first letter where it writes them in lower case (a sentence may start with
`Lundi`). Inflected languages get their case endings (`в среду`, `марта`), German its compounds
(`Montagabend`), Arabic its attached particles (`والاثنين`), Chinese and Japanese their numerals
(`十一月` is not `一月`). A numeric date (`5/3`, `5.3.`, `2026-03-05`) stands for a month too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from polywire.check.text import fold, fold_arabic
from polywire.language_tags import base_language, regional_locales

WEEKDAY = "weekday"
MONTH = "month"

#: Languages whose names change their ending with the grammatical case.
_INFLECTED = {"ru", "uk", "be", "bg", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "lt", "lv"}
_ENDINGS = "аеёиоуыэюяйьąęyaeiouj"
#: Languages that glue a name to the next word (`Montagabend`, `Dienstagmorgen`).
_COMPOUNDING = {"de", "nl", "sv", "da", "no", "nb", "fi"}
_HAN_NUMERALS = "〇零一二三四五六七八九十"
#: Names CLDR does not list: English AP style, Vietnamese months written as words.
_EXTRA: dict[str, dict[str, tuple[str, int]]] = {
    "en": {"Sept.": (MONTH, 9)},
    "vi": {
        f"tháng {word}": (MONTH, index)
        for index, word in enumerate(
            [
                "Giêng",
                "Hai",
                "Ba",
                "Tư",
                "Năm",
                "Sáu",
                "Bảy",
                "Tám",
                "Chín",
                "Mười",
                "Mười Một",
                "Chạp",
            ],
            start=1,
        )
    },
}
_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\.?)(?![\d])"
)


@dataclass(frozen=True)
class CalendarMention:
    """A weekday (0 Monday … 6 Sunday) or a month (1 … 12) named in a text."""

    kind: str
    index: int
    text: str
    start: int
    end: int


def find_calendar(text: str, language: str) -> list[CalendarMention]:
    """The weekday and month names of `text`, longest match first, without overlaps."""
    return list(_find_calendar(text, base_language(language)))


def clear_cache() -> None:
    _find_calendar.cache_clear()


@lru_cache(maxsize=4096)
def _find_calendar(text: str, language: str) -> tuple[CalendarMention, ...]:
    """Cached: alignment, the checks and the name finder all ask about the same paragraphs."""
    folded = _prepare(text, language)
    found: list[CalendarMention] = []
    for pattern, kind, index in _patterns(language):
        for match in pattern.finditer(folded):
            found.append(CalendarMention(kind, index, match.group(), match.start(), match.end()))
    found.sort(key=lambda m: (m.start, m.start - m.end))
    kept: list[CalendarMention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return tuple(kept)


def numeric_months(text: str) -> set[int]:
    """Months a numeric date may name (day-month and month-day readings both count)."""
    months: set[int] = set()
    for match in _NUMERIC_DATE.finditer(fold(text)):
        if match.group(1):
            candidates = [int(match.group(2))]
        else:
            candidates = [int(match.group(4)), int(match.group(5))]
        months |= {m for m in candidates if 1 <= m <= 12}
    return months


def names_of(language: str, kind: str, index: int) -> str:
    """The wide CLDR name, for messages (`Thứ Hai`, `März`)."""
    locale = regional_locales(base_language(language))[0]
    if kind == WEEKDAY:
        return str(locale.days["format"]["wide"][index])
    return str(locale.months["format"]["wide"][index])


def _prepare(text: str, language: str) -> str:
    text = fold(text)
    return fold_arabic(text) if language in {"ar", "fa", "ur"} else text


@lru_cache(maxsize=64)
def _patterns(language: str) -> tuple[tuple[re.Pattern[str], str, int], ...]:
    forms = _forms(language)
    capitalised = any(form[:1].isupper() for form, (kind, _) in forms.items() if kind == WEEKDAY)
    patterns = []
    for form, (kind, index) in sorted(forms.items(), key=lambda item: -len(item[0])):
        abbreviated = form.startswith("\x00")
        form = form.lstrip("\x00")
        body = _body(form, language)
        flags = re.IGNORECASE if language == "vi" else re.NOFLAG
        if language != "vi" and not capitalised and form[:1].islower():
            first = re.escape(form[0])
            body = f"(?:{re.escape(form[0].upper())}|{first}){body[len(first) :]}"
        pattern = _edges(body, form, language)
        if abbreviated:
            pattern = rf"(?:(?<=\d\s)|(?<=\d\u00a0)){pattern}|{pattern}(?=\.?\s?\d)"
        patterns.append((re.compile(pattern, flags), kind, index))
    return tuple(patterns)


def _body(form: str, language: str) -> str:
    if language in _INFLECTED:
        stem = form.rstrip(_ENDINGS)
        stem = stem if len(stem) >= 2 else form[:2]
        return re.escape(stem) + f"[{_ENDINGS}]{{0,2}}"
    if language in {"ar", "fa", "ur"}:
        return re.escape(fold_arabic(form))
    return re.escape(form)


def _edges(body: str, form: str, language: str) -> str:
    before = ""
    after = ""
    if form[:1].isdigit():
        before = r"(?<!\d)"
    elif form[:1] in _HAN_NUMERALS:
        before = f"(?<![{_HAN_NUMERALS}])"
    elif language in {"ar", "fa", "ur"}:
        before = r"(?<!\w)(?:[وفبلك]{1,2})?"  # and, so, with, for, as attach to the word
    elif form[:1].isalpha() and language not in {"ja", "zh", "th"}:
        before = r"(?<!\w)"
    if form[-1:].isdigit():
        after = r"(?!\d)"
    elif language in _COMPOUNDING:
        after = ""
    elif form[-1:].isalpha() and language not in {"ja", "zh", "th", "ko"}:  # particles attach
        after = r"(?!\w)"
    return before + body + after


@lru_cache(maxsize=64)
def _forms(language: str) -> dict[str, tuple[str, int]]:
    """Name → (kind, index); a name that means two things is left out. Abbreviated month forms
    are marked with a leading NUL: they count only beside a day number."""
    meanings: dict[str, set[tuple[str, int]]] = {}

    def add(form: str, kind: str, index: int) -> None:
        form = form.strip()
        if not form or _foreign(form, language):
            return
        meanings.setdefault(form, set()).add((kind, index))

    for locale in regional_locales(language):
        for context in ("format", "stand-alone"):
            for index, name in locale.days[context]["wide"].items():
                add(str(name), WEEKDAY, int(index))
            if language == "zh":
                for index, name in locale.days[context]["abbreviated"].items():
                    add(str(name), WEEKDAY, int(index))
            for index, name in locale.months[context]["wide"].items():
                add(str(name), MONTH, int(index))
            for index, name in locale.months[context]["abbreviated"].items():
                name = str(name)
                if len(name.rstrip(".")) >= 3 and not any(c.isdigit() for c in name):
                    add("\x00" + name, MONTH, int(index))
    for form, meaning in _EXTRA.get(language, {}).items():
        add(form, *meaning)
    forms = {form: next(iter(m)) for form, m in meanings.items() if len(m) == 1}
    # a full form wins over the same text as an abbreviation
    return {f: m for f, m in forms.items() if not (f.startswith("\x00") and f[1:] in forms)}


def _foreign(form: str, language: str) -> bool:
    """CLDR fills missing stand-alone forms from the root locale (`1月` in Arabic)."""
    han = any("\u4e00" <= char <= "\u9fff" for char in form)
    return han and language not in {"ja", "zh"}
