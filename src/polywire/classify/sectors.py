"""Sectors: the wire's own short list of desks (Business, Sports …), mapped from Media Topics.

The list is data (`data/sectors.json`, or the file in `ClassifySettings.sectors_file`): each
sector names the Media Topics it covers (a narrower topic counts for its ancestors) and its name
in the fifteen target languages. When a story has a deeper topic under a top-level one, the deeper
topic decides (a technology story is "Technology", not also "Science"). "Top News" is given by
urgency instead of topic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from polywire.classify.result import TopicTag
from polywire.classify.vocabulary import Vocabulary
from polywire.domain import BadInput
from polywire.language_tags import written_language


@dataclass(frozen=True)
class Sector:
    name: str
    topics: frozenset[str]
    names: dict[str, str]
    max_urgency: int | None = None

    def name_in(self, language: str) -> str:
        return self.names.get(written_language(language)) or self.names.get("en") or self.name


@dataclass(frozen=True)
class SectorList:
    sectors: tuple[Sector, ...]

    def assign(self, vocabulary: Vocabulary, topics: list[TopicTag], urgency: int) -> list[str]:
        """The sectors of a story with these topics and this urgency, in list order."""
        codes = {t.code for t in topics}
        deciding = {
            code
            for code in codes
            if not any(code in vocabulary.ancestors(other) for other in codes if other != code)
        }
        chosen: list[str] = []
        for sector in self.sectors:
            by_urgency = sector.max_urgency is not None and urgency <= sector.max_urgency
            by_topic = bool(sector.topics) and self._first_match(vocabulary, deciding, sector)
            if by_urgency or by_topic:
                chosen.append(sector.name)
        return chosen

    def _first_match(self, vocabulary: Vocabulary, deciding: set[str], sector: Sector) -> bool:
        """True when the nearest sector-mapped ancestor of a deciding topic is this sector's."""
        mapped = {code for s in self.sectors for code in s.topics}
        for code in deciding:
            for candidate in [code, *vocabulary.ancestors(code)]:
                if candidate in mapped:
                    if candidate in sector.topics:
                        return True
                    break
        return False

    def names(self, language: str) -> dict[str, str]:
        """Each sector's name in `language` (English where the list has none)."""
        return {s.name: s.name_in(language) for s in self.sectors}

    def canonical(self, name: str) -> str:
        """The list's own spelling of a sector a publisher chose, in any of its languages."""
        folded = name.strip().casefold()
        for sector in self.sectors:
            if folded in {sector.name.casefold(), *(n.casefold() for n in sector.names.values())}:
                return sector.name
        return name.strip()


def parse_sectors(document: dict[str, object], source: str) -> SectorList:
    entries = document.get("sectors")
    if not isinstance(entries, list) or not entries:
        raise BadInput(source, "a sector list needs a non-empty 'sectors' array")
    sectors = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise BadInput(source, f"sector {number} needs a 'name'")
        topics = entry.get("topics", [])
        if not isinstance(topics, list) or not all(
            isinstance(t, str) and t.startswith("medtop:") for t in topics
        ):
            raise BadInput(source, f"sector {entry['name']!r}: 'topics' must be medtop: codes")
        sectors.append(
            Sector(
                name=entry["name"],
                topics=frozenset(topics),
                names=dict(entry.get("names") or {}),
                max_urgency=entry.get("max_urgency"),
            )
        )
    return SectorList(tuple(sectors))


@cache
def load_sectors(path: Path | None = None) -> SectorList:
    """The shipped default list, or the one in `path`."""
    if path is None:
        text = files("polywire.classify").joinpath("data", "sectors.json").read_text("utf-8")
        return parse_sectors(json.loads(text), "default sectors")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BadInput(str(path), f"cannot read the sector list: {error}") from None
    return parse_sectors(document, str(path))
