"""Enqueue jobs inside the caller's transaction (the outbox pattern)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from polywire.store.db import in_batches
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


def enqueue_many(
    conn: Connection,
    kind: str,
    keyed: Sequence[tuple[str, dict[str, Any]]],
    *,
    max_attempts: int = 6,
) -> set[str]:
    """`enqueue` for many (key, payload) jobs of one kind due now, in a few statements (a fan-out
    enqueues thousands). Returns the keys of the jobs added."""
    keys = [key for key, _ in keyed]
    existing: set[str] = set()
    for batch in in_batches(keys):
        existing.update(conn.execute(select(jobs.c.key).where(jobs.c.key.in_(batch))).scalars())
    now = time.time()
    fresh = [(key, payload) for key, payload in dict(keyed).items() if key not in existing]
    if fresh:
        conn.execute(
            jobs.insert(),
            [
                {
                    "kind": kind,
                    "key": key,
                    "payload": payload,
                    "state": "ready",
                    "attempts": 0,
                    "max_attempts": max_attempts,
                    "run_at": now,
                    "created": now,
                }
                for key, payload in fresh
            ],
        )
    return {key for key, _ in fresh}
