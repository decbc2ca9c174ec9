"""Enqueue jobs inside the caller's transaction (the outbox pattern)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection, select

from polywire.store.tables import jobs


def enqueue(
    conn: Connection,
    kind: str,
    key: str,
    payload: dict[str, Any],
    *,
    run_at: float | None = None,
    max_attempts: int = 6,
) -> bool:
    """Add a job unless one with the same `key` exists (stages are keyed, so this is idempotent).

    Returns True when a new job was added."""
    if conn.execute(select(jobs.c.id).where(jobs.c.key == key)).first() is not None:
        return False
    now = time.time()
    conn.execute(
        jobs.insert().values(
            kind=kind,
            key=key,
            payload=payload,
            state="ready",
            attempts=0,
            max_attempts=max_attempts,
            run_at=run_at if run_at is not None else now,
            created=now,
        )
    )
    return True
