"""Jobs for an operator's tools (`polywire jobs`, `/v1/jobs`): list them by state or kind, the
stuck ones included, show one, retry a dead one, requeue one that waits.

- **stuck**: marked leased, but its lease ran out (its worker died or stalled). The queues'
  reaper returns such jobs to work by itself; a list of them is how an operator sees it happen.
- **retry**: a dead job gets `max_attempts` more attempts and is due now (`job_admin.retry_dead`).
- **discard**: a dead job is kept as discarded, which no queue runs (`job_admin.discard_dead`).
- **requeue**: a job waiting for its next attempt (a retry's backoff, an embargo), waiting on the
  job bus (relayed), or stuck, is due now. A job a live worker holds is left to it; a done, dead
  or discarded one is not requeued (a dead one is retried). A relayed job counts one attempt
  more and is given one more, so that its new NATS message id (`<job>:<attempt>`) is not taken
  for the old one's duplicate.

With `publisher`, only jobs working on that publisher's stories are found (as on the desk).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, select, update

from polywire.domain import JOB_STATES, BadInput, NotFound
from polywire.store import job_admin
from polywire.store.report_queries import jobs_of
from polywire.store.tables import jobs


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    key: str
    state: str
    attempts: int
    max_attempts: int
    run_at: float
    lease_owner: str | None
    lease_until: float | None
    last_error: str | None
    created: float
    finished: float | None
    payload: dict[str, Any]

    def stuck(self, now: float) -> bool:
        return self.state == "leased" and (self.lease_until or 0) < now

    def to_json(self, now: float) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "key": self.key,
            "state": self.state,
            "stuck": self.stuck(now),
            "attempts": self.attempts,
            "max_attempts": self.max_attempts,
            "run_at": self.run_at,
            "lease_owner": self.lease_owner,
            "lease_until": self.lease_until,
            "last_error": self.last_error,
            "created": self.created,
            "finished": self.finished,
            "payload": self.payload,
        }


def list_jobs(
    conn: Connection,
    *,
    state: str | None = None,
    kind: str | None = None,
    stuck: bool = False,
    publisher: str | None = None,
    limit: int = 50,
) -> list[Job]:
    """The newest jobs first (the dead: the most recently dead first); with `stuck`, only
    leased jobs whose lease ran out."""
    if state is not None and state not in JOB_STATES:
        raise BadInput("state", f"{state!r} is not a job state (one of {', '.join(JOB_STATES)})")
    query = select(jobs)
    if state is not None:
        query = query.where(jobs.c.state == state)
    if kind is not None:
        query = query.where(jobs.c.kind == kind)
    if stuck:
        query = query.where(jobs.c.state == "leased", jobs.c.lease_until < time.time())
    if publisher is not None:
        query = query.where(jobs_of(publisher))
    newest = [jobs.c.finished.desc(), jobs.c.id.desc()] if state == "dead" else [jobs.c.id.desc()]
    rows = conn.execute(query.order_by(*newest).limit(limit))
    return [_job(row) for row in rows]


def get_job(conn: Connection, job_id: int, *, publisher: str | None = None) -> Job:
    query = select(jobs).where(_one(job_id, publisher))
    row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"job {job_id}: no such job")
    return _job(row)


def retry(conn: Connection, job_id: int, more_attempts: int, *, publisher: str | None) -> Job:
    """A dead job gets `more_attempts` more and is due now; BadInput for a job in another state."""
    job = get_job(conn, job_id, publisher=publisher)
    if job.state != "dead":
        raise BadInput(
            f"job {job_id}",
            f"it is {job.state}, not dead: only a dead job is retried"
            + (" (requeue makes a waiting or stuck job due now)" if job.state != "done" else ""),
            status=409,
        )
    job_admin.retry_dead(conn, job_id, more_attempts, publisher=publisher)
    return get_job(conn, job_id, publisher=publisher)


def discard(conn: Connection, job_id: int, *, publisher: str | None) -> Job:
    """Discard a dead job; BadInput (409) for a job in another state."""
    job = get_job(conn, job_id, publisher=publisher)
    if job.state != "dead":
        raise BadInput(
            f"job {job_id}",
            f"it is {job.state}, not dead: only a dead job is discarded",
            status=409,
        )
    job_admin.discard_dead(conn, job_id, publisher=publisher)
    return get_job(conn, job_id, publisher=publisher)


def requeue(conn: Connection, job_id: int, *, publisher: str | None) -> Job:
    """Make a waiting, relayed or stuck job due now; BadInput (409) for any other."""
    now = time.time()
    job = get_job(conn, job_id, publisher=publisher)
    if job.state == "leased" and not job.stuck(now):
        raise BadInput(
            f"job {job_id}",
            f"{job.lease_owner} holds it until {job.lease_until:.0f} (UNIX time) and renews "
            "its lease while it works: it is requeued by itself if that worker stops",
            status=409,
        )
    if job.state not in ("ready", "relayed", "leased"):
        hint = " (retry gives a dead job more attempts)" if job.state == "dead" else ""
        raise BadInput(f"job {job_id}", f"it is {job.state}: nothing to requeue{hint}", status=409)
    bump = 1 if job.state == "relayed" else 0
    conn.execute(
        update(jobs)
        .where(jobs.c.id == job_id, jobs.c.state == job.state)
        .values(
            state="ready",
            run_at=now,
            lease_owner=None,
            lease_token=None,
            lease_until=None,
            attempts=jobs.c.attempts + bump,
            max_attempts=jobs.c.max_attempts + bump,
        )
    )
    return get_job(conn, job_id, publisher=publisher)


def _one(job_id: int, publisher: str | None) -> ColumnElement[bool]:
    found = jobs.c.id == job_id
    return found if publisher is None else and_(found, jobs_of(publisher))


def _job(row: Any) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        key=row.key,
        state=row.state,
        attempts=row.attempts,
        max_attempts=row.max_attempts,
        run_at=row.run_at,
        lease_owner=row.lease_owner,
        lease_until=row.lease_until,
        last_error=row.last_error,
        created=row.created,
        finished=row.finished,
        payload=dict(row.payload),
    )
