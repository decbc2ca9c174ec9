"""Dead jobs, for an operator: list them, give one a new round of attempts, or discard it.

A retried job keeps its attempt count and gets `max_attempts` more (so that a NATS relay's
message ids, `<job>:<attempt>`, never repeat); a discarded job is kept with the state
`discarded`, which no queue leases, so its history stays."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from polywire.domain import NotFound
from polywire.store.tables import jobs


@dataclass(frozen=True)
class DeadJob:
    id: int
    kind: str
    key: str
    payload: dict[str, Any]
    attempts: int
    last_error: str | None
    finished: float | None


def dead_jobs(conn: Connection, *, limit: int = 50) -> list[DeadJob]:
    rows = conn.execute(
        select(jobs).where(jobs.c.state == "dead").order_by(jobs.c.finished.desc()).limit(limit)
    )
    return [
        DeadJob(row.id, row.kind, row.key, row.payload, row.attempts, row.last_error, row.finished)
        for row in rows
    ]


def retry_dead(conn: Connection, job_id: int, more_attempts: int) -> None:
    done = conn.execute(
        update(jobs)
        .where(jobs.c.id == job_id, jobs.c.state == "dead")
        .values(
            state="ready",
            run_at=time.time(),
            max_attempts=jobs.c.attempts + more_attempts,
            finished=None,
        )
    )
    if done.rowcount == 0:
        raise NotFound(f"job {job_id}: no such dead job")


def discard_dead(conn: Connection, job_id: int) -> None:
    done = conn.execute(
        update(jobs).where(jobs.c.id == job_id, jobs.c.state == "dead").values(state="discarded")
    )
    if done.rowcount == 0:
        raise NotFound(f"job {job_id}: no such dead job")
