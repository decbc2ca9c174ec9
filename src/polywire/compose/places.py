"""Dateline places and dates as each language writes them, from CLDR through Babel.

The date is the wire's filing date in the language's own form (`Dec 7`, `7 dic`, `12月7日`,
`7 ديسمبر`), from a CLDR skeleton that is a setting (`publish.dateline_date`, default `MMMd`).

The place is looked up among the names CLDR gives cities (the exemplar cities of its time zones:
`Lisbon`, `Lisboa`, `リスボン`, `لشبونة`) and territories (`Singapore`, `Singapur`, `新加坡`)
in the fifteen target languages, and written as the reader's language names it: `LISBON` is
`LISBOA` in Spanish and `リスボン` in Japanese. A place CLDR does not name (most towns) is kept as
written, in every script: a wrong transliteration is worse than a Latin name. Capitals stay
capitals (`МОСКВА` → `MOSCOW`).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_skeleton

from polywire.compose.texts import TARGET_LANGUAGES
from polywire.domain import BadInput
from polywire.language_tags import locale_for

#: A place CLDR names: ("zone", "Europe/Lisbon") for a city, ("territory", "SG") for a country.
_Key = tuple[str, str]


def dateline_date(day: date, language: str, skeleton: str) -> str:
    """`day` as `language` prints it in a dateline, by the CLDR `skeleton` (`MMMd`)."""
    return format_skeleton(skeleton, day, locale=_locale(language))


def local_place(place: str, language: str) -> str:
    """`place` as `language` names it; as written when CLDR does not name it there."""
    whole = _index().get(_fold(place))
    head, comma, tail = ("", "", "") if whole else place.partition(",")
    key = whole or _index().get(_fold(head))
    named = _name(key, _locale(language)) if key is not None else None
    if named is None:
        return place
    if _is_upper(head or place):
        named = named.upper()
    return named + comma + tail


def _fold(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def _is_upper(text: str) -> bool:
    cased = [ch for ch in text if ch.lower() != ch.upper()]
    return bool(cased) and all(ch.isupper() for ch in cased)


def _name(key: _Key, locale: Locale) -> str | None:
    kind, code = key
    if kind == "territory":
        territory = locale.territories.get(code)
        return str(territory) if territory else None
    city = locale.time_zones.get(code, {}).get("city")
    if city is None and locale.language == "en":
        return code.rsplit("/", 1)[-1].replace("_", " ")
    return str(city) if city else None


@cache
def _index() -> dict[str, _Key]:
    """Every CLDR name of a city or territory in the target languages → its key (first wins)."""
    locales = [_locale(language) for language in TARGET_LANGUAGES]
    zones = sorted({str(zone) for locale in locales for zone in locale.time_zones})
    index: dict[str, _Key] = {}
    for zone in zones:
        if "/" not in zone or zone.startswith("Etc/"):
            continue
        key: _Key = ("zone", zone)
        for name in [zone.rsplit("/", 1)[-1], *(_name(key, locale) for locale in locales)]:
            if name:
                index.setdefault(_fold(name), key)
    for code in map(str, locales[0].territories):
        if code.isalpha():  # "001", "150" are regions of the world, not places
            for locale in locales:
                if name := locale.territories.get(code):
                    index.setdefault(_fold(name), ("territory", code))
    return index


@cache
def _locale(language: str) -> Locale:
    try:
        return locale_for(language)
    except BadInput:
        return Locale("en")
