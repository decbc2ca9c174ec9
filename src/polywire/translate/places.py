"""The local form of a place or institution whose name a language writes its own way.

A name that stays a name keeps its letters, except where the target language has an
established form of its own: `Germany` is `Alemania`, `Allemagne`, `Alemanha`; `London` is
`Londres`. The forms come from CLDR through Babel (territory names, and the exemplar cities of
the time zones: `New York` is `Nueva York`) and from a small maintained table for what CLDR
lacks (`data/names.json` → `places`: cities without a time zone of their own, short forms such
as `U.S.`, `EU`, `GDP`). Lookup is by the name exactly as written (`US` is a place, `us` is not).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from babel import Locale

from polywire.domain import BadInput
from polywire.language_tags import locale_for


@cache
def data() -> dict[str, Any]:
    """The maintained word lists and place table (`data/names.json`)."""
    text = files("polywire.translate").joinpath("data", "names.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def local_form(name: str, source: str, target: str) -> str | None:
    """What `target` calls the place or institution `source` writes as `name`, or None when
    the name is no place the tables know (a person, a company: kept as written)."""
    return local_forms(source, target).get(name)


def is_place(name: str, source: str) -> bool:
    """Whether `name` is a place or institution the tables know in `source`."""
    return name in _known(source)


@cache
def _locale(tag: str) -> Locale | None:
    try:
        return locale_for(tag)
    except BadInput:
        return None


@cache
def local_forms(source: str, target: str) -> dict[str, str]:
    """Source-language name → target-language form, for every place the tables know."""
    theirs, ours = _locale(target), _locale(source)
    table: dict[str, str] = {}
    if theirs is not None and ours is not None:
        for zone, names in theirs.time_zones.items():
            local = names.get("city")
            if not local or "/" not in zone:
                continue
            english = ours.time_zones.get(zone, {}).get("city") or zone.rsplit("/", 1)[1]
            table[str(english).replace("_", " ")] = str(local)
        for code, name in ours.territories.items():
            if code in theirs.territories:
                table[str(name)] = str(theirs.territories[code])
    places: dict[str, dict[str, dict[str, str]]] = data()["places"]
    for name, by_language in places.get(source, {}).items():
        if target in by_language:
            table[name] = by_language[target]
    return table


@cache
def _known(source: str) -> frozenset[str]:
    """Every name the tables hold for `source`, whatever the target."""
    return frozenset(name for target in ("en", "es", "fr") for name in local_forms(source, target))
