"""The job queue of the embedded default and of a PostgreSQL deployment: the outbox table itself.

A lease is one UPDATE of the next due row (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite
serialises writers). A lease whose worker died expires and the job becomes due again.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Collection

from sqlalchemy import ColumnElement, Connection, and_, or_, select, update

from polywire.bus.backoff import retry_delay
from polywire.bus.base import Commit, JobQueue, Lease
from polywire.config import JobSettings
from polywire.store.db import Database
from polywire.store.tables import jobs


class SqlJobQueue(JobQueue):
    def __init__(self, database: Database, settings: JobSettings) -> None:
        self.database = database
        self.settings = settings

    async def lease(self, worker: str, kinds: Collection[str]) -> Lease | None:
        return await asyncio.to_thread(self._lease, worker, list(kinds))

    async def extend(self, lease: Lease) -> Lease | None:
        return await asyncio.to_thread(self._extend, lease)

    async def complete(self, lease: Lease, commit: Commit) -> bool:
        return await asyncio.to_thread(self._complete, lease, commit)

    async def fail(self, lease: Lease, error: str, *, retry_in: float | None = None) -> bool:
        return await asyncio.to_thread(self._fail, lease, error, retry_in)

    def _lease(self, worker: str, kinds: list[str]) -> Lease | None:
        now = time.time()
        due = or_(
            and_(jobs.c.state == "ready", jobs.c.run_at <= now),
            and_(jobs.c.state == "leased", jobs.c.lease_until < now),
        )
        with self.database.write() as conn:
            self._bury_abandoned(conn, now)
            candidate = (
                select(jobs.c.id)
                .where(due, jobs.c.kind.in_(kinds))
                .order_by(jobs.c.run_at, jobs.c.id)
                .limit(1)
                .with_for_update(skip_locked=True)
                .scalar_subquery()
            )
            return self._lease_where(conn, jobs.c.id == candidate, worker, now)

    def _lease_where(
        self, conn: Connection, which: ColumnElement[bool], worker: str, now: float
    ) -> Lease | None:
        """Lease the job `which` selects to `worker`, with a fresh fencing token."""
        token = secrets.token_hex(16)
        until = now + self.settings.lease_seconds
        row = conn.execute(
            update(jobs)
            .where(which)
            .values(
                state="leased",
                lease_owner=worker,
                lease_token=token,
                lease_until=until,
                attempts=jobs.c.attempts + 1,
            )
            .returning(jobs.c.id, jobs.c.kind, jobs.c.key, jobs.c.payload, jobs.c.attempts)
        ).first()
        if row is None:
            return None
        return Lease(row.id, row.kind, row.key, row.payload, row.attempts, token, until)

    def _bury_abandoned(self, conn: Connection, now: float) -> None:
        """A job whose worker vanished on every attempt is parked as dead, not retried forever."""
        conn.execute(
            update(jobs)
            .where(
                jobs.c.state == "leased",
                jobs.c.lease_until < now,
                jobs.c.attempts >= jobs.c.max_attempts,
            )
            .values(
                state="dead",
                finished=now,
                last_error="the worker holding the job stopped before finishing it, "
                "on every attempt",
            )
        )

    def _held(self, lease: Lease) -> ColumnElement[bool]:
        return and_(
            jobs.c.id == lease.job_id, jobs.c.state == "leased", jobs.c.lease_token == lease.token
        )

    def _extend(self, lease: Lease) -> Lease | None:
        until = time.time() + self.settings.lease_seconds
        with self.database.write() as conn:
            renewed = conn.execute(
                update(jobs).where(self._held(lease)).values(lease_until=until)
            ).rowcount
        if renewed != 1:
            return None
        return Lease(
            lease.job_id, lease.kind, lease.key, lease.payload, lease.attempt, lease.token, until
        )

    def _complete(self, lease: Lease, commit: Commit) -> bool:
        with self.database.write() as conn:
            done = conn.execute(
                update(jobs)
                .where(self._held(lease))
                .values(state="done", finished=time.time(), lease_token=None, last_error=None)
            ).rowcount
            if done != 1:
                conn.rollback()
                return False
            commit(conn)
        return True

    def _fail(self, lease: Lease, error: str, retry_in: float | None) -> bool:
        now = time.time()
        with self.database.write() as conn:
            row = conn.execute(
                select(jobs.c.attempts, jobs.c.max_attempts).where(self._held(lease))
            ).first()
            if row is None:
                return False
            if row.attempts >= row.max_attempts:
                values: dict[str, object] = {"state": "dead", "finished": now}
            else:
                delay = retry_in
                if delay is None:
                    delay = retry_delay(
                        row.attempts,
                        self.settings.backoff_base_seconds,
                        self.settings.backoff_max_seconds,
                    )
                values = {"state": "ready", "run_at": now + delay}
            conn.execute(
                update(jobs)
                .where(jobs.c.id == lease.job_id)
                .values(lease_token=None, lease_until=None, last_error=error[:4000], **values)
            )
        return values["state"] == "ready"
