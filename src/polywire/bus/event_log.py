"""The event log in the store: one append-only table, read back in sequence order.

On PostgreSQL, appends take a transaction-level advisory lock so that events become visible in
the order of their sequence numbers: a reader that has seen `seq = n` never later finds an event
with a smaller number committed behind it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select, text

from polywire.bus.base import EventLog
from polywire.domain import Event
from polywire.store.db import Database
from polywire.store.tables import events
from polywire.store.types import utcnow

_APPEND_LOCK = 7370711


class SqlEventLog(EventLog):
    def __init__(self, database: Database) -> None:
        self.database = database

    def append(
        self,
        conn: Connection,
        type: str,
        story_id: str,
        version: int,
        language: str | None,
        payload: dict[str, Any],
    ) -> int:
        return self._insert(conn, type, story_id, version, language, payload).seq

    def _lock(self, conn: Connection) -> None:
        """Hold the append lock until the transaction ends (taking it again is harmless)."""
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"SELECT pg_advisory_xact_lock({_APPEND_LOCK})"))

    def _insert(
        self,
        conn: Connection,
        type: str,
        story_id: str,
        version: int,
        language: str | None,
        payload: dict[str, Any],
    ) -> Event:
        self._lock(conn)
        created = utcnow()
        seq = conn.execute(
            events.insert()
            .values(
                type=type,
                story_id=story_id,
                version=version,
                language=language,
                created=created,
                payload=payload,
            )
            .returning(events.c.seq)
        ).scalar_one()
        return Event(int(seq), type, story_id, version, language, created, payload)

    def read(self, after: int = 0, limit: int = 1000) -> list[Event]:
        with self.database.read() as conn:
            rows = conn.execute(
                select(events).where(events.c.seq > after).order_by(events.c.seq).limit(limit)
            ).all()
        return [
            Event(
                seq=row.seq,
                type=row.type,
                story_id=row.story_id,
                version=row.version,
                language=row.language,
                created=row.created,
                payload=row.payload,
            )
            for row in rows
        ]

    def last_seq(self) -> int:
        with self.database.read() as conn:
            return int(conn.execute(select(func.coalesce(func.max(events.c.seq), 0))).scalar_one())
