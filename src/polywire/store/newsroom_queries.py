"""Read-only queries of the newsroom's pages: lists of stories with their headlines, the state of
each language and how many deliveries of it arrived, in a few round trips instead of some per
story.

A headline search is blind to case in every script, alike on both stores: the headline and the
search are each lowered by Unicode's simple lowercase mapping, then "ß" reads as "ss" and the
final "ς" as "σ", as Unicode's case folding has them (`db.folded`; on PostgreSQL, `lower()` and
`replace()`). So "ПРИВЕТ" finds "Привет", "ÉNERGIE" "énergie", "STRASSE" "Straße",
"ΣΕΙΣΜΌΣ" "σεισμός" and "İSTANBUL" "istanbul". Accents are not folded ("energie" does not find
"énergie"), nor Turkish's dotless "ı" into "i" ("ISPARTA" finds "isparta", not "ısparta").
LIKE's wildcards in the search are searched as themselves. PostgreSQL's `lower()` follows the
database's collation: under a UTF-8 one it is Unicode's, under "C" it lowers ASCII only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, literal, select, tuple_

from polywire.domain import RenditionState, StoryState
from polywire.store.db import FOLD_FUNCTION
from polywire.store.publish_tables import deliveries
from polywire.store.stories import queue_order, shown_state
from polywire.store.tables import renditions, stories, versions


@dataclass
class StoryLine:
    id: str
    uri: str
    publisher: str
    source_language: str  # the story's
    state: str
    headline: str
    language: str  # the latest version's
    version: int
    updated: datetime
    sectors: list[str]
    languages: dict[str, str] = field(default_factory=dict)
    delivered: dict[str, int] = field(default_factory=dict)  # per language, of this version
    urgency: int | None = None  # ninjs urgency of this version, 1 the most urgent
    embargoed: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """The line as the lists answer it (`GET /v1/stories`, `polywire stories --json`)."""
        return {
            "id": self.id,
            "uri": self.uri,
            "state": self.state,
            "latest_version": self.version,
            "source_language": self.source_language,
            "headline": self.headline,
            "languages": self.languages,
            "delivered": self.delivered,
        }


def story_lines(
    conn: Connection,
    *,
    publisher: str | None = None,
    state: StoryState | None = None,
    search: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[StoryLine]:
    """Stories, most recently updated first, with their latest version's headline, each in its
    shown state (the worst of its languages: `shown_state`); the review queue (`needs_review`)
    in `queue_order`: by urgency, then by when each is due (its embargo, else its age). With
    `search`, only those whose headline holds it, in any case."""
    shown = shown_state()
    query = (
        select(
            stories.c.id,
            stories.c.uri,
            stories.c.publisher,
            stories.c.source_language,
            shown.label("state"),
            stories.c.updated,
            versions.c.headline,
            versions.c.language,
            versions.c.version,
            versions.c.sectors,
            versions.c.urgency,
            versions.c.embargoed,
        )
        .join(
            versions,
            and_(
                versions.c.story_id == stories.c.id,
                versions.c.version == stories.c.latest_version,
            ),
        )
        .order_by(
            *(
                queue_order()
                if state == StoryState.NEEDS_REVIEW
                else [stories.c.updated.desc(), stories.c.id]
            )
        )
        .limit(limit)
        .offset(offset)
    )
    if publisher is not None:
        query = query.where(stories.c.publisher == publisher)
    if state is not None:
        query = query.where(shown == state.value)
    if search:
        folded = _folded(conn, versions.c.headline)
        query = query.where(folded.contains(_folded(conn, literal(_escaped(search))), escape="\\"))
    lines = [
        StoryLine(
            row.id,
            row.uri,
            row.publisher,
            row.source_language,
            row.state,
            row.headline,
            row.language,
            row.version,
            row.updated,
            list(row.sectors),
            urgency=row.urgency,
            embargoed=row.embargoed,
        )
        for row in conn.execute(query)
    ]
    _add_languages(conn, lines)
    return lines


def released_lines(
    conn: Connection, *, language: str | None, sector: str | None, limit: int = 50
) -> list[tuple[StoryLine, str]]:
    """Released renditions of the latest versions, newest first: (story, language) pairs whose
    headline is the rendition's own."""
    query = (
        select(
            stories.c.id,
            stories.c.uri,
            stories.c.publisher,
            stories.c.source_language,
            stories.c.state,
            renditions.c.updated,
            renditions.c.headline,
            renditions.c.language,
            versions.c.version,
            versions.c.sectors,
        )
        .join(versions, versions.c.story_id == stories.c.id)
        .join(
            renditions,
            and_(
                renditions.c.story_id == versions.c.story_id,
                renditions.c.version == versions.c.version,
            ),
        )
        .where(
            versions.c.version == stories.c.latest_version,
            renditions.c.state == RenditionState.RELEASED.value,
            versions.c.pubstatus == "usable",
        )
        .order_by(renditions.c.updated.desc())
        .limit(limit * 4 if sector else limit)
    )
    if language:
        query = query.where(renditions.c.language == language)
    found = []
    for row in conn.execute(query):
        line = StoryLine(
            row.id,
            row.uri,
            row.publisher,
            row.source_language,
            row.state,
            row.headline,
            row.language,
            row.version,
            row.updated,
            list(row.sectors),
        )
        if sector is None or sector in line.sectors:
            found.append((line, row.language))
    return found[:limit]


def _add_languages(conn: Connection, lines: list[StoryLine]) -> None:
    """Each line's languages and deliveries, of its version: two queries for the page, each
    with the (story, version) pairs as one list parameter (an OR of a comparison per line
    costs milliseconds of CPU per page to build and to key for the statement cache, on the
    thread of a request that the event loop then waits for to hand the interpreter back)."""
    if not lines:
        return
    shown = [(line.id, line.version) for line in lines]
    by_id = {line.id: line for line in lines}
    rows = conn.execute(
        select(renditions.c.story_id, renditions.c.language, renditions.c.state)
        .where(tuple_(renditions.c.story_id, renditions.c.version).in_(shown))
        .order_by(renditions.c.is_source.desc(), renditions.c.language)
    )
    for row in rows:
        by_id[row.story_id].languages[row.language] = row.state
    counted = conn.execute(
        select(deliveries.c.story_id, deliveries.c.language, func.count())
        .where(
            tuple_(deliveries.c.story_id, deliveries.c.version).in_(shown),
            deliveries.c.status == "delivered",
        )
        .group_by(deliveries.c.story_id, deliveries.c.language)
    )
    for story_id, language, count in counted:
        by_id[story_id].delivered[language] = int(count)


def _folded(conn: Connection, text: ColumnElement[str]) -> ColumnElement[str]:
    """`text` in one case for comparing, as `db.folded` has it, on either store."""
    if conn.dialect.name == "sqlite":
        return getattr(func, FOLD_FUNCTION)(text)  # type: ignore[no-any-return]
    return func.replace(func.replace(func.lower(text), "ß", "ss"), "ς", "σ")


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
