"""Regions: the countries a story is about, from its dateline and the places its text names.

Names (see `gazetteer`) written in scripts with capitals are matched case-sensitively (so
"Turkey" the country, not "turkey" the bird); Chinese, Japanese, Korean and Thai names are found
inside the running text; Russian and German names also match their inflected forms through the
Snowball stemmer. The dateline's place makes the main region; the others follow by how often and
how strongly they are named.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from polywire.classify.gazetteer import (
    UNSPACED,
    Gazetteer,
    PlaceName,
    load_gazetteer,
    stemmed_country_names,
)
from polywire.classify.result import RegionTag
from polywire.classify.text import Token, tokenize
from polywire.language_tags import written_language

MIN_REGION_SCORE = 1.0
MAX_NGRAM = 4
MIN_STEM = 3
MAX_ENDING = 4
_STEMMED_LANGUAGES = {"ru", "de"}
_WORDS = re.compile(r"[^\W\d_](?:[\w\u0300-\u036f]|[.'’-](?=\w))*\.?")
_LATIN_DATELINE = re.compile(
    r"^\s*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'-]{1,40}?)\s*"  # the place, in capitals
    r"(?:,[^—–(\n]{1,40})?\s*(?:\([^)\n]{1,40}\))?\s*[—–-]"  # ", Country (Agency) —"
)


@dataclass
class _Found:
    score: float = 0.0
    first: int = 10**9
    words: list[str] = field(default_factory=list)

    def add(self, weight: float, position: int, word: str) -> None:
        self.score += weight
        self.first = min(self.first, position)
        if word not in self.words:
            self.words.append(word)


def find_regions(
    headline: str,
    body: list[str],
    language: str,
    dateline_place: str | None = None,
    *,
    limit: int = 5,
) -> list[RegionTag]:
    """The countries the story is about, the dateline's first, then by strength of mention."""
    gazetteer = load_gazetteer()
    language = written_language(language)
    text = unicodedata.normalize("NFKC", "\n".join([headline, *body]))
    found: dict[str, _Found] = defaultdict(_Found)
    _match_words(gazetteer, text, found)
    _match_unspaced(gazetteer, text, found)
    if language in _STEMMED_LANGUAGES:
        _match_stems(text, language, found)
    dateline_code = None
    place = dateline_place or _leading_dateline(body[0] if body else "")
    if place:
        dateline_code = _resolve_dateline(gazetteer, place)
        if dateline_code:
            found[dateline_code].add(MIN_REGION_SCORE, -1, place)
    ranked = sorted(
        ((code, f) for code, f in found.items() if f.score >= MIN_REGION_SCORE),
        key=lambda item: (item[0] != dateline_code, -item[1].score, item[1].first),
    )
    return [
        RegionTag(code=code, name=gazetteer.country_name(code, "en"), evidence=f.words[:5])
        for code, f in ranked[:limit]
    ]


def _match_words(gazetteer: Gazetteer, text: str, found: dict[str, _Found]) -> None:
    words = [(m.start(), m.group(0)) for m in _WORDS.finditer(text)]
    i = 0
    while i < len(words):
        for size in range(min(MAX_NGRAM, len(words) - i), 0, -1):
            start = words[i][0]
            end = words[i + size - 1][0] + len(words[i + size - 1][1])
            phrase = text[start:end]
            place = gazetteer.exact.get(phrase) or gazetteer.exact.get(phrase.rstrip("."))
            if place is not None and not (
                place.city and _part_of_longer_name(text, words, i, size)
            ):
                found[place.code].add(place.weight, start, phrase.rstrip("."))
                i += size
                break
        else:
            i += 1


def _part_of_longer_name(text: str, words: list[tuple[int, str]], i: int, size: int) -> bool:
    """A city name next to other capitalised words is likely part of a person's or a company's
    name ("Andrew Jackson", "Lincoln Electric"); at the start of a sentence it may be any word."""
    start = words[i][0]
    end = words[i + size - 1][0] + len(words[i + size - 1][1])
    before = words[i - 1] if i > 0 else None
    after = words[i + size] if i + size < len(words) else None
    sentence_start = before is None or bool(re.search(r"[.!?:\n]", text[_end(before) : start]))
    joined_before = before is not None and not text[_end(before) : start].strip()
    joined_after = after is not None and not text[end : after[0]].strip()
    return (
        sentence_start
        or (joined_before and before is not None and before[1][:1].isupper())
        or (joined_after and after is not None and after[1][:1].isupper())
    )


def _end(word: tuple[int, str]) -> int:
    return word[0] + len(word[1])


def _match_unspaced(gazetteer: Gazetteer, text: str, found: dict[str, _Found]) -> None:
    i = 0
    while i < len(text):
        if not UNSPACED.match(text[i]):
            i += 1
            continue
        for size in range(min(gazetteer.longest_unspaced, len(text) - i), 1, -1):
            place = gazetteer.unspaced.get(text[i : i + size])
            if place is not None:
                found[place.code].add(place.weight, i, text[i : i + size])
                i += size
                break
        else:
            i += 1


def _match_stems(text: str, language: str, found: dict[str, _Found]) -> None:
    """Inflected country names: a word matches a one-word name whose stem begins it (the
    stemmer does not always cut "Китай" and "Китая" alike); longer names match stem by stem."""
    names = stemmed_country_names(language)
    longest = max((len(k) for k in names), default=0)
    tokens = tokenize(text, language)
    i = 0
    while i < len(tokens):
        size, place = _stem_match(names, tokens, i, longest)
        if place is not None:
            surface = " ".join(t.surface for t in tokens[i : i + size])
            if surface not in found[place.code].words:
                found[place.code].add(place.weight, i, surface)
        i += max(size, 1)


def _stem_match(
    names: dict[tuple[str, ...], PlaceName], tokens: list[Token], i: int, longest: int
) -> tuple[int, PlaceName | None]:
    for size in range(min(longest, len(tokens) - i), 1, -1):
        place = names.get(tuple(t.term for t in tokens[i : i + size]))
        if place is not None:
            return size, place
    word = tokens[i].surface.casefold()
    for end in range(len(word), max(MIN_STEM, len(word) - MAX_ENDING) - 1, -1):
        place = names.get((word[:end],))
        if place is not None:
            return 1, place
    return 0, None


def _leading_dateline(paragraph: str) -> str | None:
    """`MOSCOW (AP) —`, `SÃO PAULO, Brazil —`: a capitalised place opening the first paragraph."""
    match = _LATIN_DATELINE.match(paragraph)
    return match.group(1).strip() if match else None


def _resolve_dateline(gazetteer: Gazetteer, place: str) -> str | None:
    parts = [p.strip() for p in place.split(",") if p.strip()]
    for candidate in [place.strip(), *reversed(parts)]:
        found = gazetteer.folded.get(unicodedata.normalize("NFKC", candidate).casefold())
        if found is not None:
            return found.code
    return None
