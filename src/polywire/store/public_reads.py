"""What the public newsroom lists: released stories, each once, with the languages it is released
in, the lede of each, its publisher and tags; filtered by language, publisher, sector, topic,
region or words of its headline and body.

Only the latest version of a story counts, and only while it is usable (a withdrawn story leaves
the lists). One query reads the newest released renditions (at most `scanned` of them) and the
filters run here: tags and bodies are JSON documents whose text SQLite keeps escaped, so a
search for "東京" could not be a SQL `LIKE`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, select

from polywire.domain import Place, Pubstatus, RenditionState, Subject, sector_slug
from polywire.store.tables import renditions, stories, versions

#: Engines whose words are a person's: an editor's, or a translation received from a partner.
HUMAN_ENGINES = frozenset({"human", "received"})


@dataclass(frozen=True)
class PublicRendition:
    language: str
    headline: str
    body: list[str]
    is_source: bool
    machine: bool  # translated by an engine, not written or edited by a person
    updated: datetime

    @property
    def lede(self) -> str:
        return self.body[0] if self.body else ""


@dataclass
class PublicStory:
    id: str
    publisher: str
    source_language: str
    version: int
    sectors: list[str]
    subjects: list[Subject]
    places: list[Place]
    renditions: dict[str, PublicRendition] = field(default_factory=dict)

    @property
    def updated(self) -> datetime:
        return max(r.updated for r in self.renditions.values())

    @property
    def languages(self) -> list[str]:
        """The source language first, then the others in tag order."""
        return sorted(self.renditions, key=lambda lang: (lang != self.source_language, lang))

    def shown_in(self, language: str | None) -> PublicRendition:
        """The rendition a list in `language` shows: that language's, else the original, else
        the first released (a story is listed in the words its publisher wrote where it can)."""
        if language in self.renditions:
            return self.renditions[language]
        if self.source_language in self.renditions:
            return self.renditions[self.source_language]
        return self.renditions[self.languages[0]]


@dataclass(frozen=True)
class Wanted:
    """A list's filters; None lets everything through."""

    language: str | None = None
    publisher: str | None = None
    sector: str | None = None
    topic: str | None = None
    region: str | None = None
    words: str | None = None

    def admits(self, story: PublicStory) -> bool:
        if self.language is not None and self.language not in story.renditions:
            return False
        if self.publisher is not None and story.publisher != self.publisher:
            return False
        if self.sector is not None and sector_slug(self.sector) not in {
            sector_slug(s) for s in story.sectors
        }:
            return False
        if self.topic is not None and self.topic not in {s.code for s in story.subjects}:
            return False
        if self.region is not None and self.region.upper() not in {
            p.code.upper() for p in story.places
        }:
            return False
        return self.words is None or self._says(story)

    def _says(self, story: PublicStory) -> bool:
        """Every word of the search is in the headline or body of one rendition (the list's
        language's when it has one)."""
        needles = (self.words or "").casefold().split()
        searched = (
            [story.renditions[self.language]]
            if self.language is not None
            else list(story.renditions.values())
        )
        for rendition in searched:
            text = " ".join([rendition.headline, *rendition.body]).casefold()
            if all(needle in text for needle in needles):
                return True
        return False


def public_stories(
    conn: Connection, wanted: Wanted, *, limit: int = 50, scanned: int = 2000
) -> list[PublicStory]:
    """Released stories that `wanted` admits, the most recently released first."""
    query = (
        _released_latest(
            select(
                stories.c.id,
                stories.c.publisher,
                stories.c.source_language,
                versions.c.version,
                versions.c.sectors,
                versions.c.subjects,
                versions.c.places,
                renditions.c.language,
                renditions.c.headline,
                renditions.c.body,
                renditions.c.is_source,
                renditions.c.engine,
                renditions.c.updated,
            )
        )
        .order_by(renditions.c.updated.desc(), renditions.c.story_id, renditions.c.language)
        .limit(scanned)
    )
    if wanted.publisher is not None:
        query = query.where(stories.c.publisher == wanted.publisher)
    found: dict[str, PublicStory] = {}
    for row in conn.execute(query):
        story = found.get(row.id)
        if story is None:
            story = found[row.id] = PublicStory(
                id=row.id,
                publisher=row.publisher,
                source_language=row.source_language,
                version=row.version,
                sectors=list(row.sectors),
                subjects=[Subject(**s) for s in row.subjects],
                places=[Place(**p) for p in row.places],
            )
        story.renditions[row.language] = PublicRendition(
            language=row.language,
            headline=row.headline,
            body=list(row.body),
            is_source=bool(row.is_source),
            machine=not row.is_source and row.engine not in HUMAN_ENGINES,
            updated=row.updated,
        )
    return [story for story in found.values() if wanted.admits(story)][:limit]


def publishers(conn: Connection) -> list[str]:
    """Publishers with at least one released, usable story."""
    query = _released_latest(select(stories.c.publisher)).distinct().order_by(stories.c.publisher)
    return [row.publisher for row in conn.execute(query)]


def _released_latest(query: Select[Any]) -> Select[Any]:
    """`query` over the released renditions of each usable story's latest version."""
    return (
        query.join(
            versions,
            and_(
                versions.c.story_id == stories.c.id, versions.c.version == stories.c.latest_version
            ),
        )
        .join(
            renditions,
            and_(
                renditions.c.story_id == versions.c.story_id,
                renditions.c.version == versions.c.version,
            ),
        )
        .where(
            renditions.c.state == RenditionState.RELEASED.value,
            versions.c.pubstatus == Pubstatus.USABLE.value,
        )
    )
