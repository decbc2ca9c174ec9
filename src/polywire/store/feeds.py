"""Queries for feed sources and the entries taken from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from polywire.domain import BadInput, NotFound
from polywire.store.ingest_tables import feed_entries, feed_sources


@dataclass
class FeedSource:
    id: str
    url: str
    every_seconds: int
    publisher: str
    etag: str | None
    last_modified: str | None
    errors: int
    paused: bool
    last_error: str | None
    last_polled: datetime | None
    next_poll: datetime
    created: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "every_seconds": self.every_seconds,
            "publisher": self.publisher,
            "errors": self.errors,
            "paused": self.paused,
            "last_error": self.last_error,
            "last_polled": self.last_polled.isoformat() if self.last_polled else None,
            "next_poll": self.next_poll.isoformat(),
        }


@dataclass(frozen=True)
class SeenEntry:
    content_hash: str
    story_id: str | None
    version: int | None


def insert_source(conn: Connection, source: FeedSource) -> None:
    try:
        with conn.begin_nested():
            conn.execute(feed_sources.insert().values(**_columns(source)))
    except IntegrityError:
        raise BadInput(source.url, "this feed is already added") from None


def list_sources(conn: Connection, publisher: str | None = None) -> list[FeedSource]:
    """Feed sources in the order they were added; only those filed under `publisher` when given."""
    query = select(feed_sources).order_by(feed_sources.c.created)
    if publisher is not None:
        query = query.where(feed_sources.c.publisher == publisher)
    rows = conn.execute(query).mappings()
    return [FeedSource(**row) for row in rows]


def due_sources(conn: Connection, now: datetime) -> list[FeedSource]:
    query = (
        select(feed_sources)
        .where(feed_sources.c.paused.is_(False), feed_sources.c.next_poll <= now)
        .order_by(feed_sources.c.next_poll)
    )
    return [FeedSource(**row) for row in conn.execute(query).mappings()]


def get_source(conn: Connection, source_id: str) -> FeedSource:
    row = conn.execute(select(feed_sources).where(feed_sources.c.id == source_id)).mappings()
    found = row.first()
    if found is None:
        raise NotFound(f"feed {source_id!r}: no such feed")
    return FeedSource(**found)


def save_source(conn: Connection, source: FeedSource) -> None:
    conn.execute(
        update(feed_sources).where(feed_sources.c.id == source.id).values(**_columns(source))
    )


def seen_entry(conn: Connection, source_id: str, entry_key: str) -> SeenEntry | None:
    row = conn.execute(
        select(feed_entries.c.content_hash, feed_entries.c.story_id, feed_entries.c.version).where(
            feed_entries.c.source_id == source_id, feed_entries.c.entry_key == entry_key
        )
    ).first()
    return SeenEntry(row.content_hash, row.story_id, row.version) if row else None


def record_entry(
    conn: Connection,
    *,
    source_id: str,
    entry_key: str,
    entry_id: str,
    content_hash: str,
    story_id: str | None,
    version: int | None,
    problem: str | None,
    seen: datetime,
) -> None:
    values = {
        "entry_id": entry_id,
        "content_hash": content_hash,
        "story_id": story_id,
        "version": version,
        "problem": problem,
        "seen": seen,
    }
    done = conn.execute(
        update(feed_entries)
        .where(feed_entries.c.source_id == source_id, feed_entries.c.entry_key == entry_key)
        .values(**values)
    )
    if done.rowcount == 0:
        conn.execute(
            feed_entries.insert().values(source_id=source_id, entry_key=entry_key, **values)
        )


def _columns(source: FeedSource) -> dict[str, Any]:
    return {
        "id": source.id,
        "url": source.url,
        "every_seconds": source.every_seconds,
        "publisher": source.publisher,
        "etag": source.etag,
        "last_modified": source.last_modified,
        "errors": source.errors,
        "paused": source.paused,
        "last_error": source.last_error,
        "last_polled": source.last_polled,
        "next_poll": source.next_poll,
        "created": source.created,
    }
