"""The cluster job queue: jobs travel through NATS JetStream, their state stays in the outbox.

Jobs are still written to the outbox table in the same transaction as the state they follow from
(that is what makes them durable and exactly-once). A relay moves due jobs from the outbox to the
JetStream stream `POLYWIRE_JOBS` (subject `polywire.jobs.<kind>`, the prefix being a setting;
message id `<job>:<attempt>`, so a second relay's copy is dropped by JetStream's duplicate
window), and workers pull them from one shared durable consumer, which spreads them over every
worker process on every machine.

A worker that receives a job takes it in the outbox with the same fenced lease as the SQL back-end
(a copy of a job already leased, done or dead is acknowledged and dropped), renews the lease and
marks the message in progress while it works, and acknowledges the message only after the outcome
is committed. A worker that dies stops renewing: JetStream redelivers the message after the ack
wait, and the relay republishes a job whose message was lost, so nothing waits forever and the
lease fencing keeps anything from running twice.

Every worker runs the relay before it pulls, so a cluster needs no extra process.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Collection, Sequence
from typing import Any

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, RetentionPolicy, StreamConfig
from nats.js.errors import NotFoundError
from sqlalchemy import and_, or_, select, update

from polywire.bus.base import Commit, Lease
from polywire.bus.sql_queue import SqlJobQueue
from polywire.config import JobSettings
from polywire.store.db import Database
from polywire.store.tables import jobs

log = logging.getLogger("polywire.jobs.nats")

#: How long a relayed job may wait for a worker before the relay publishes it again.
RELAY_TIMEOUT_SECONDS = 300.0
RELAY_BATCH = 200


class NatsJobQueue(SqlJobQueue):
    def __init__(
        self,
        database: Database,
        settings: JobSettings,
        nats_url: str,
        prefix: str = "polywire",
    ) -> None:
        super().__init__(database, settings)
        self.nats_url = nats_url
        self.stream = f"{prefix.upper()}_JOBS"
        self.subject_prefix = f"{prefix}.jobs"
        self._client: Client | None = None
        self._stream: JetStreamContext | None = None
        self._subscription: JetStreamContext.PullSubscription | None = None
        self._connecting = asyncio.Lock()
        self._messages: dict[tuple[int, str], Msg] = {}

    # --- connection ------------------------------------------------------------------------

    async def _pull(self) -> JetStreamContext.PullSubscription:
        async with self._connecting:
            if self._subscription is None:
                client = await nats.connect(self.nats_url, name="polywire-worker")
                stream = client.jetstream()
                await ensure_stream(stream, self.stream, f"{self.subject_prefix}.*", self.settings)
                self._subscription = await stream.pull_subscribe(
                    f"{self.subject_prefix}.*",
                    durable=f"{self.stream.lower()}-workers",
                    stream=self.stream,
                    config=ConsumerConfig(
                        ack_policy=AckPolicy.EXPLICIT,
                        ack_wait=self.settings.lease_seconds,
                        max_deliver=-1,
                    ),
                )
                self._client = client
                self._stream = stream
            return self._subscription

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
        self._client = None
        self._stream = None
        self._subscription = None
        self._connecting = asyncio.Lock()

    # --- the queue -------------------------------------------------------------------------

    async def lease(self, worker: str, kinds: Collection[str]) -> Lease | None:
        leases = await self.lease_batch(worker, kinds, 1)
        return leases[0] if leases else None

    async def lease_batch(self, worker: str, kinds: Collection[str], limit: int) -> list[Lease]:
        """Pull up to `limit` messages and take their jobs in the outbox in one transaction.

        A message of a kind this worker does not run goes back to the stream for another
        worker (`nak`); a copy of a job already leased, done or dead is acknowledged."""
        pull = await self._pull()
        await self.relay()
        try:
            messages = await pull.fetch(limit, timeout=self.settings.poll_seconds)
        except NatsTimeout:
            return []
        ours: dict[int, Msg] = {}
        for message in messages:
            kind = message.subject.removeprefix(f"{self.subject_prefix}.")
            job_id = int(message.headers["Polywire-Job"]) if message.headers else -1
            if kind not in kinds:
                await message.nak()
            elif job_id in ours:
                await message.ack()
            else:
                ours[job_id] = message
        leases = await asyncio.to_thread(self._take, list(ours), worker) if ours else []
        for lease in leases:
            self._messages[_message_key(lease)] = ours.pop(lease.job_id)
        for message in ours.values():
            await message.ack()
        return leases

    async def extend(self, lease: Lease) -> Lease | None:
        renewed = await super().extend(lease)
        message = self._messages.get(_message_key(lease))
        if renewed is not None and message is not None:
            await message.in_progress()
        return renewed

    async def complete(self, lease: Lease, commit: Commit) -> bool:
        done = await super().complete(lease, commit)
        await self._settle(lease)
        return done

    async def complete_batch(self, done: Sequence[tuple[Lease, Commit]]) -> list[bool]:
        results = await super().complete_batch(done)
        for lease, _ in done:
            await self._settle(lease)
        return results

    async def fail(self, lease: Lease, error: str, *, retry_in: float | None = None) -> bool:
        retried = await super().fail(lease, error, retry_in=retry_in)
        await self._settle(lease)
        return retried

    async def _settle(self, lease: Lease) -> None:
        """The outcome is in the outbox: this message has done its job (a retry is relayed anew)."""
        message = self._messages.pop(_message_key(lease), None)
        if message is not None:
            await message.ack()

    # --- relay -----------------------------------------------------------------------------

    async def relay(self) -> int:
        """Publish the jobs that are due and not yet on the stream; returns how many."""
        await self._pull()
        assert self._stream is not None
        stream = self._stream
        due = await asyncio.to_thread(self._claim_due)
        for job_id, kind, attempts in due:
            await stream.publish(
                f"{self.subject_prefix}.{kind}",
                b"",
                stream=self.stream,
                headers={"Polywire-Job": str(job_id), "Nats-Msg-Id": f"{job_id}:{attempts}"},
            )
        if due:
            log.debug("relayed %d jobs to %s", len(due), self.stream)
        return len(due)

    def _claim_due(self) -> list[tuple[int, str, int]]:
        now = time.time()
        due = or_(
            and_(jobs.c.state == "ready", jobs.c.run_at <= now),
            and_(jobs.c.state == "relayed", jobs.c.lease_until < now),
        )
        with self.database.write() as conn:
            self._bury_abandoned(conn, now)
            candidates = (
                select(jobs.c.id)
                .where(due)
                .order_by(jobs.c.run_at, jobs.c.id)
                .limit(RELAY_BATCH)
                .with_for_update(skip_locked=True)
            )
            rows = conn.execute(
                update(jobs)
                .where(jobs.c.id.in_(candidates.scalar_subquery()))
                .values(state="relayed", lease_until=now + RELAY_TIMEOUT_SECONDS)
                .returning(jobs.c.id, jobs.c.kind, jobs.c.attempts)
            ).all()
        return sorted((int(r.id), str(r.kind), int(r.attempts)) for r in rows)

    def _take(self, job_ids: list[int], worker: str) -> list[Lease]:
        """Lease the relayed jobs among `job_ids` (or those whose worker died)."""
        now = time.time()
        takeable = or_(
            jobs.c.state == "relayed",
            and_(jobs.c.state == "leased", jobs.c.lease_until < now),
        )
        with self.database.write() as conn:
            return self._lease_where(conn, and_(jobs.c.id.in_(job_ids), takeable), worker, now)


def _message_key(lease: Lease) -> tuple[int, str]:
    return (lease.job_id, lease.token)


async def ensure_stream(
    stream: JetStreamContext, name: str, subjects: str, settings: JobSettings, **extra: Any
) -> None:
    """Create the work-queue stream once; a second process finds it there."""
    try:
        await stream.stream_info(name)
    except NotFoundError:
        await stream.add_stream(
            StreamConfig(
                name=name,
                subjects=[subjects],
                retention=RetentionPolicy.WORK_QUEUE,
                duplicate_window=RELAY_TIMEOUT_SECONDS,
                **extra,
            )
        )
