"""Queries for story fingerprints (the MinHash signature of each story's latest version)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select, update

from polywire.store.ingest_tables import story_fingerprints


def recent_signatures(
    conn: Connection, publisher: str, since: datetime
) -> list[tuple[str, list[int]]]:
    rows = conn.execute(
        select(story_fingerprints.c.story_id, story_fingerprints.c.signature).where(
            story_fingerprints.c.publisher == publisher, story_fingerprints.c.updated >= since
        )
    )
    return [(row.story_id, list(row.signature)) for row in rows]


def save_signature(
    conn: Connection, story_id: str, publisher: str, signature: list[int], updated: datetime
) -> None:
    values = {"publisher": publisher, "signature": signature, "updated": updated}
    done = conn.execute(
        update(story_fingerprints).where(story_fingerprints.c.story_id == story_id).values(**values)
    )
    if done.rowcount == 0:
        conn.execute(story_fingerprints.insert().values(story_id=story_id, **values))
