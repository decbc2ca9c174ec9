"""The translation memory kept in the store, shared by every worker.

Lookups read in their own short transaction; new translations and hit counts wait in the object
until `flush(conn)` writes them inside the job's completing transaction, so a job that fails or
loses its lease leaves nothing behind. Two workers that translate the same segment at once both
flush it: the second insert is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from polywire.store.db import Database, in_batches
from polywire.store.translate_tables import translation_memory as tm
from polywire.store.types import utcnow
from polywire.translate.memory import Memory, MemoryKey


class SqlMemory(Memory):
    def __init__(self, database: Database) -> None:
        self.database = database
        self._new: dict[str, tuple[MemoryKey, str]] = {}
        self._hits: set[str] = set()

    def lookup(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        by_digest = {k.digest: k for k in keys}
        found: dict[MemoryKey, str] = {}
        digests = list(by_digest)
        with self.database.read() as conn:
            for batch in in_batches(digests):
                rows = conn.execute(select(tm.c.key, tm.c.target_text).where(tm.c.key.in_(batch)))
                for row in rows:
                    found[by_digest[row.key]] = row.target_text
        for digest, (key, text) in self._new.items():
            if digest in by_digest:
                found[key] = text
        self._hits.update(k.digest for k in found if k.digest not in self._new)
        return found

    def remember(self, key: MemoryKey, translation: str) -> None:
        self._new[key.digest] = (key, translation)

    def flush(self, conn: Connection) -> None:
        """Write what was learnt and used, in the caller's transaction."""
        now = utcnow()
        if self._new:
            rows = [
                {
                    "key": digest,
                    "source_text": key.text,
                    "source_language": key.source,
                    "target_language": key.target,
                    "engine": key.engine,
                    "model": key.model,
                    "target_text": text,
                    "hits": 0,
                    "created": now,
                    "last_used": now,
                }
                for digest, (key, text) in self._new.items()
            ]
            dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
            insert = dialect.insert(tm).values(rows)
            # an editor's newer translation of the same paragraph replaces the older one
            conn.execute(
                insert.on_conflict_do_update(
                    index_elements=[tm.c.key], set_={"target_text": insert.excluded.target_text}
                )
            )
        hits = sorted(self._hits)
        for batch in in_batches(hits):
            conn.execute(
                update(tm).where(tm.c.key.in_(batch)).values(hits=tm.c.hits + 1, last_used=now)
            )
        self._new.clear()
        self._hits.clear()


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
