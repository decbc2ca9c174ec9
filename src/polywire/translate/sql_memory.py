"""The translation memory kept in the store, shared by every worker.

Lookups read in their own short transaction; new translations and hit counts wait in the object
until `flush(conn)` writes them inside the job's completing transaction, so a job that fails or
loses its lease leaves nothing behind. Two workers that translate the same segment at once both
flush it: the second insert becomes an update.

`flush` is one upsert (`INSERT ... ON CONFLICT DO UPDATE`) of every row the job touches, new
translations and hits alike, in the order of their keys: two workers flushing overlapping
segments lock the rows in the same order, so one waits for the other instead of both deadlocking
(found with two workers, which wrote rows in the order of their documents' segments).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, case, func, select
from sqlalchemy.dialects import postgresql, sqlite

from polywire.store.db import Database, in_batches
from polywire.store.translate_tables import translation_memory as tm
from polywire.store.types import utcnow
from polywire.translate.memory import Memory, MemoryKey

#: Rows per upsert statement (ten values each, within every supported database's limit).
UPSERT_ROWS = 500


class SqlMemory(Memory):
    def __init__(self, database: Database) -> None:
        self.database = database
        self._new: dict[str, tuple[MemoryKey, str]] = {}
        self._used: dict[str, tuple[MemoryKey, str]] = {}

    def lookup(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        by_digest = {k.digest: k for k in keys}
        found: dict[MemoryKey, str] = {}
        digests = list(by_digest)
        with self.database.read() as conn:
            for batch in in_batches(digests):
                rows = conn.execute(select(tm.c.key, tm.c.target_text).where(tm.c.key.in_(batch)))
                for row in rows:
                    found[by_digest[row.key]] = row.target_text
                    self._used[row.key] = (by_digest[row.key], row.target_text)
        for digest, (key, text) in self._new.items():
            if digest in by_digest:
                found[key] = text
        return found

    def remember(self, key: MemoryKey, translation: str) -> None:
        self._new[key.digest] = (key, translation)

    def flush(self, conn: Connection) -> None:
        """Write what was learnt and used, in the caller's transaction, in key order: a new
        translation replaces an older one of the same key (an editor's, say); a hit counts."""
        now = utcnow()
        rows = {
            digest: _row(digest, key, text, 0, now) for digest, (key, text) in self._new.items()
        }
        for digest, (key, text) in self._used.items():
            rows.setdefault(digest, _row(digest, key, text, 1, now))
        ordered = [rows[digest] for digest in sorted(rows)]
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        for start in range(0, len(ordered), UPSERT_ROWS):
            insert = dialect.insert(tm).values(ordered[start : start + UPSERT_ROWS])
            is_hit = insert.excluded.hits > 0
            conn.execute(
                insert.on_conflict_do_update(
                    index_elements=[tm.c.key],
                    set_={
                        "target_text": case(
                            (is_hit, tm.c.target_text), else_=insert.excluded.target_text
                        ),
                        "hits": tm.c.hits + insert.excluded.hits,
                        "last_used": case(
                            (is_hit, insert.excluded.last_used), else_=tm.c.last_used
                        ),
                    },
                )
            )
        self._new.clear()
        self._used.clear()


def _row(digest: str, key: MemoryKey, text: str, hits: int, now: datetime) -> dict[str, Any]:
    return {
        "key": digest,
        "source_text": key.text,
        "source_language": key.source,
        "target_language": key.target,
        "engine": key.engine,
        "model": key.model,
        "target_text": text,
        "hits": hits,
        "created": now,
        "last_used": now,
    }


def memory_stats(conn: Connection) -> dict[str, int | float]:
    """Entries (each a segment once translated) and hits (segments served from memory)."""
    entries, hits = conn.execute(select(func.count(), func.coalesce(func.sum(tm.c.hits), 0))).one()
    served = int(hits)
    total = served + int(entries)
    return {
        "entries": int(entries),
        "hits": served,
        "hit_rate": round(served / total, 4) if total else 0.0,
    }
