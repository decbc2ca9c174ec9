"""The job queue of the embedded default and of a PostgreSQL deployment: the outbox table itself.

A lease is one UPDATE of the next due row (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite
serialises writers). A lease whose worker died expires and the job becomes due again.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import defaultdict
from collections.abc import Collection, Sequence

from sqlalchemy import ColumnElement, Connection, and_, or_, select, update

from polywire.bus.backoff import retry_delay
from polywire.bus.base import Commit, JobQueue, Lease
from polywire.config import JobSettings
from polywire.store import group_writes
from polywire.store.db import Database
from polywire.store.tables import jobs


class SqlJobQueue(JobQueue):
    def __init__(self, database: Database, settings: JobSettings) -> None:
        self.database = database
        self.settings = settings

    async def lease_batch(self, worker: str, kinds: Collection[str], limit: int) -> list[Lease]:
        return await asyncio.to_thread(self._lease, worker, list(kinds), limit)

    async def extend(self, lease: Lease) -> Lease | None:
        return await asyncio.to_thread(self._extend, lease)

    async def complete(self, lease: Lease, commit: Commit) -> bool:
        return await asyncio.to_thread(self._complete, lease, commit)

    async def complete_batch(self, done: Sequence[tuple[Lease, Commit]]) -> list[bool]:
        return await asyncio.to_thread(self._complete_batch, list(done))

    async def fail(self, lease: Lease, error: str, *, retry_in: float | None = None) -> bool:
        return await asyncio.to_thread(self._fail, lease, error, retry_in)

    async def lease(self, worker: str, kinds: Collection[str]) -> Lease | None:
        leases = await asyncio.to_thread(self._lease, worker, list(kinds), 1)
        return leases[0] if leases else None

    def _lease(self, worker: str, kinds: list[str], limit: int) -> list[Lease]:
        now = time.time()
        due = or_(
            and_(jobs.c.state == "ready", jobs.c.run_at <= now),
            and_(jobs.c.state == "leased", jobs.c.lease_until < now),
        )
        with self.database.write() as conn:
            self._bury_abandoned(conn, now)
            candidates = (
                select(jobs.c.id)
                .where(due, jobs.c.kind.in_(kinds))
                .order_by(jobs.c.run_at, jobs.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
                .scalar_subquery()
            )
            return self._lease_where(conn, jobs.c.id.in_(candidates), worker, now)

    def _lease_where(
        self, conn: Connection, which: ColumnElement[bool], worker: str, now: float
    ) -> list[Lease]:
        """Lease the jobs `which` selects to `worker`, with a fresh fencing token."""
        token = secrets.token_hex(16)
        until = now + self.settings.lease_seconds
        rows = conn.execute(
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
        ).all()
        leases = [Lease(r.id, r.kind, r.key, r.payload, r.attempts, token, until) for r in rows]
        return sorted(leases, key=lambda lease: lease.job_id)

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
        return self._complete_batch([(lease, commit)])[0]

    def _complete_batch(self, done: list[tuple[Lease, Commit]]) -> list[bool]:
        """One transaction: the jobs whose lease is still held are marked done (one UPDATE per
        lease token) and only their commits run; a lost lease writes nothing for its job."""
        with self.database.write() as conn, group_writes.collecting(conn):
            held = self._finish_held(conn, [lease for lease, _ in done])
            for lease, commit in done:
                if lease.job_id in held:
                    commit(conn)
        return [lease.job_id in held for lease, _ in done]

    def _finish_held(self, conn: Connection, leases: list[Lease]) -> set[int]:
        by_token: dict[str, list[int]] = defaultdict(list)
        for lease in leases:
            by_token[lease.token].append(lease.job_id)
        held: set[int] = set()
        for token, ids in by_token.items():
            held.update(
                conn.execute(
                    update(jobs)
                    .where(
                        jobs.c.id.in_(ids), jobs.c.state == "leased", jobs.c.lease_token == token
                    )
                    .values(state="done", finished=time.time(), lease_token=None, last_error=None)
                    .returning(jobs.c.id)
                ).scalars()
            )
        return held

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
