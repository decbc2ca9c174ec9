"""Dead jobs, for an operator: give one a new round of attempts, or discard it (`job_tools` lists
them and says why a job is not dead); and queued jobs that no longer have anything to do,
discarded.

A retried job keeps its attempt count and gets `max_attempts` more (so that a NATS relay's
message ids, `<job>:<attempt>`, never repeat); a discarded job is kept with the state
`discarded`, which no queue leases (a relayed copy on NATS is acknowledged and dropped), so its
history stays."""

from __future__ import annotations

import time

from sqlalchemy import ColumnElement, Connection, and_, or_, update

from polywire.domain import NotFound
from polywire.store.report_queries import jobs_of
from polywire.store.tables import jobs


def retry_dead(
    conn: Connection, job_id: int, more_attempts: int, *, publisher: str | None = None
) -> None:
    """NotFound unless the job is dead (and, with `publisher`, works on one of its stories)."""
    done = conn.execute(
        update(jobs)
        .where(_dead(job_id, publisher))
        .values(
            state="ready",
            run_at=time.time(),
            max_attempts=jobs.c.attempts + more_attempts,
            finished=None,
        )
    )
    if done.rowcount == 0:
        raise NotFound(f"job {job_id}: no such dead job")


def discard_dead(conn: Connection, job_id: int, *, publisher: str | None = None) -> None:
    """NotFound unless the job is dead (and, with `publisher`, works on one of its stories)."""
    done = conn.execute(update(jobs).where(_dead(job_id, publisher)).values(state="discarded"))
    if done.rowcount == 0:
        raise NotFound(f"job {job_id}: no such dead job")


def _dead(job_id: int, publisher: str | None) -> ColumnElement[bool]:
    found = and_(jobs.c.id == job_id, jobs.c.state == "dead")
    return found if publisher is None else and_(found, jobs_of(publisher))


def discard_queued(conn: Connection, key_prefix: str, reason: str) -> int:
    """Discard the jobs whose key starts with `key_prefix` and that no worker holds (waiting,
    relayed, or leased by a worker whose lease ran out); returns how many."""
    now = time.time()
    done = conn.execute(
        update(jobs)
        .where(
            jobs.c.key.startswith(key_prefix, autoescape=True),
            or_(
                jobs.c.state.in_(("ready", "relayed")),
                and_(jobs.c.state == "leased", jobs.c.lease_until < now),
            ),
        )
        .values(state="discarded", last_error=reason, finished=now)
    )
    return done.rowcount
