"""The cluster job queue: jobs travel through NATS JetStream, their state stays in the outbox.

Jobs are still written to the outbox table in the same transaction as the state they follow from
(that is what makes them durable and exactly-once). A relay moves due jobs from the outbox to the
JetStream stream `POLYWIRE_JOBS` (subject `polywire.jobs.<kind>`, the prefix being a setting;
message id `<job>:<attempt>`, so a second relay's copy is dropped by JetStream's duplicate
window). Each kind has its own durable consumer (`polywire_jobs-<kind>`), so a worker pulls only
the kinds it runs and a message is delivered once, to a worker that runs it; the consumers spread
the work over every worker process on every machine.

A worker that receives a job takes it in the outbox with the same fenced lease as the SQL back-end
(a copy of a job already leased, done or dead is acknowledged and dropped), renews the lease and
marks the message in progress while it works, and acknowledges the message only after the outcome
is committed. The outbox, not the stream, decides what is still to do; the relay heals what the
stream loses:

- a lease that ran out (its worker died, whatever became of its message) is relayed again: the
  relay is also the reaper, and needs no message to find it;
- a job marked relayed whose message may not have reached the stream (a publish failed, the
  connection dropped or came back from a restarted server) is relayed again as soon as the
  connection is back, not after the relay's hold (`jobs.relay_hold_seconds`), which only covers
  a relay that died between marking and publishing.

The client reconnects forever (every `jobs.nats_reconnect_seconds`) and, once back, makes sure
the stream and consumers exist again; `problem()` says whether the bus is reachable, for
`/readyz`.

Every worker runs the relay before it pulls, so a cluster needs no extra process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Collection, Sequence
from typing import Any

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.errors import ConnectionClosedError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, RetentionPolicy, StreamConfig
from nats.js.errors import APIError, NotFoundError
from sqlalchemy import and_, or_, select, update

from polywire.bus.base import Commit, Lease, QueueUnavailable
from polywire.bus.instruments import NATS_REDELIVERIES
from polywire.bus.sql_queue import SqlJobQueue
from polywire.config import JobSettings
from polywire.store.db import Database
from polywire.store.tables import jobs

log = logging.getLogger("polywire.jobs.nats")

RELAY_BATCH = 200
#: The shortest pull request, when a worker's poll is shared out over many kinds.
SHORTEST_PULL_SECONDS = 0.05
#: How long a first connection or a relay's publish may take before the bus counts as down.
CONNECT_SECONDS = 5.0
PUBLISH_SECONDS = 2.0


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
        self._jetstream: JetStreamContext | None = None
        self._pulls: dict[str, JetStreamContext.PullSubscription] = {}
        self._connecting = asyncio.Lock()
        self._messages: dict[tuple[int, str], Msg] = {}
        #: the stream and consumers must be made sure of, and relayed jobs sent again
        self._resync = True
        #: relayed jobs marked before `_resend_before - relay_hold_seconds` may be missing from
        #: the stream (marked before a new connection or a failed publish): relay them again
        self._resend_before = 0.0
        self._turn = 0
        self._problem: str | None = None

    @property
    def trouble(self) -> str | None:
        """What is wrong with the bus as this process last saw it; None when it is connected."""
        return self._problem

    async def problem(self) -> str | None:
        """Connects first when this process has not used the bus yet (an API-only process)."""
        if self._client is None:
            with contextlib.suppress(Exception):  # the failure is in `trouble`
                await self._connected(())
            if self._client is None and self._problem is None:
                self._problem = f"the job bus at {self.nats_url} cannot be reached"
        return self._problem

    # --- connection ------------------------------------------------------------------------

    async def _connected(self, kinds: Collection[str]) -> JetStreamContext:
        """The JetStream context, connected, with the stream and one consumer per kind."""
        async with self._connecting:
            if self._client is None or self._client.is_closed:
                await self._connect()
            assert self._client is not None and self._jetstream is not None
            if not self._client.is_connected:
                raise QueueUnavailable(f"the job bus at {self.nats_url} is not connected")
            if self._resync:
                await ensure_stream(
                    self._jetstream, self.stream, f"{self.subject_prefix}.*", self.settings
                )
                await self._drop_shared_consumer()
                for kind in list(self._pulls):
                    await self._ensure_consumer(kind)
                self._resync = False
            for kind in kinds:
                if kind not in self._pulls:
                    self._pulls[kind] = await self._jetstream.pull_subscribe(
                        self._subject(kind),
                        durable=self._durable(kind),
                        stream=self.stream,
                        config=self._consumer_config(kind),
                    )
            return self._jetstream

    async def _connect(self) -> None:
        self._problem = f"connecting to the job bus at {self.nats_url}"
        self._pulls.clear()
        try:
            client = await asyncio.wait_for(
                nats.connect(
                    self.nats_url,
                    name="polywire-worker",
                    max_reconnect_attempts=-1,
                    reconnect_time_wait=self.settings.nats_reconnect_seconds,
                    disconnected_cb=self._on_disconnected,
                    reconnected_cb=self._on_reconnected,
                    error_cb=self._on_error,
                ),
                CONNECT_SECONDS,
            )
        except TimeoutError:
            self._problem = f"the job bus at {self.nats_url} does not answer"
            raise QueueUnavailable(self._problem) from None
        self._client = client
        self._jetstream = client.jetstream()
        self._resync = True
        self._resend_all_relayed()
        self._problem = None

    async def _on_disconnected(self) -> None:
        if self._client is not None and not self._client.is_closed:
            self._problem = f"disconnected from the job bus at {self.nats_url}; reconnecting"
            log.warning("%s", self._problem)

    async def _on_reconnected(self) -> None:
        """The server may have restarted: make sure of the stream and consumers, and send the
        relayed jobs again (JetStream drops the copies it still holds)."""
        self._resync = True
        self._resend_all_relayed()
        self._problem = None
        log.info("reconnected to the job bus at %s", self.nats_url)

    def _resend_all_relayed(self) -> None:
        """Relay again every job marked relayed until now (JetStream drops the copies it holds);
        those the relay marks from now on carry a later hold and are left alone."""
        self._resend_before = time.time() + self.settings.relay_hold_seconds

    async def _on_error(self, error: Exception) -> None:
        """Failed reconnection attempts are expected while the bus is away: said once, above."""
        level = logging.DEBUG if self._problem is not None else logging.WARNING
        log.log(level, "job bus at %s: %s", self.nats_url, error or type(error).__name__)

    async def _drop_shared_consumer(self) -> None:
        """Before one consumer per kind there was one for every kind; a work-queue stream allows
        no overlapping consumers, so it goes (its unacknowledged messages stay on the stream)."""
        assert self._jetstream is not None
        with contextlib.suppress(NotFoundError):
            await self._jetstream.delete_consumer(self.stream, f"{self.stream.lower()}-workers")

    async def _ensure_consumer(self, kind: str) -> None:
        """Make a kind's consumer again when the server lost it; one that exists is kept as it
        is (another process may have made it with other settings)."""
        assert self._jetstream is not None
        try:
            await self._jetstream.consumer_info(self.stream, self._durable(kind))
        except NotFoundError:
            await self._jetstream.add_consumer(self.stream, self._consumer_config(kind))

    def _subject(self, kind: str) -> str:
        return f"{self.subject_prefix}.{kind}"

    def _durable(self, kind: str) -> str:
        return f"{self.stream.lower()}-{kind}"

    def _consumer_config(self, kind: str) -> ConsumerConfig:
        return ConsumerConfig(
            durable_name=self._durable(kind),
            filter_subject=self._subject(kind),
            ack_policy=AckPolicy.EXPLICIT,
            ack_wait=self.settings.lease_seconds,
            max_deliver=-1,
        )

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
        self._client = None
        self._jetstream = None
        self._pulls.clear()
        self._connecting = asyncio.Lock()
        self._resync = True
        self._problem = None

    # --- the queue -------------------------------------------------------------------------

    async def lease(self, worker: str, kinds: Collection[str]) -> Lease | None:
        leases = await self.lease_batch(worker, kinds, 1)
        return leases[0] if leases else None

    async def lease_batch(self, worker: str, kinds: Collection[str], limit: int) -> list[Lease]:
        """Pull up to `limit` messages of `kinds` and take their jobs in the outbox in one
        transaction; a copy of a job already leased, done or dead is acknowledged."""
        await self.relay(kinds)
        ours: dict[int, Msg] = {}
        for message in await self._fetch(list(kinds), limit):
            job_id = int(message.headers["Polywire-Job"]) if message.headers else -1
            if job_id in ours:
                await message.ack()
            else:
                ours[job_id] = message
        leases = await asyncio.to_thread(self._take, list(ours), worker) if ours else []
        for lease in leases:
            self._messages[_message_key(lease)] = ours.pop(lease.job_id)
        for message in ours.values():
            await message.ack()
        return leases

    async def _fetch(self, kinds: list[str], limit: int) -> list[Msg]:
        """Up to `limit` messages, asking each kind's consumer in turn (starting with a
        different kind each time, so that no kind starves); the poll is shared out over them.
        A pull that times out is an idle queue, not an error."""
        wait = max(SHORTEST_PULL_SECONDS, self.settings.poll_seconds / max(1, len(kinds)))
        self._turn = (self._turn + 1) % max(1, len(kinds))
        messages: list[Msg] = []
        for kind in kinds[self._turn :] + kinds[: self._turn]:
            pull = self._pulls.get(kind)
            if pull is None:
                break  # the queue was closed meanwhile (another worker of the process stopped)
            try:
                fetched = await pull.fetch(limit - len(messages), timeout=wait)
            except TimeoutError:
                continue
            except ConnectionClosedError:
                break  # closed by this process (stopping) or given up: the next pull reconnects
            except APIError:
                self._resync = True  # the server lost the consumer: make it again
                raise
            again = sum(1 for message in fetched if _delivered_before(message))
            if again:
                NATS_REDELIVERIES.labels(kind).inc(again)
            messages += fetched
            if len(messages) >= limit:
                break
        return messages

    async def extend(self, lease: Lease) -> Lease | None:
        renewed = await super().extend(lease)
        message = self._messages.get(_message_key(lease))
        connected = self._client is not None and self._client.is_connected
        if renewed is not None and message is not None and connected:
            # the lease in the outbox is what counts; a message redelivered meanwhile is dropped
            with contextlib.suppress(nats.errors.Error):
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
        """The outcome is in the outbox: this message has done its job (a retry is relayed anew).
        An acknowledgement lost with the connection costs a redelivery, which is dropped."""
        message = self._messages.pop(_message_key(lease), None)
        if message is not None and self._client is not None and self._client.is_connected:
            await message.ack()

    # --- relay -----------------------------------------------------------------------------

    async def relay(self, kinds: Collection[str] = ()) -> int:
        """Publish the jobs that are due and not yet on the stream; returns how many."""
        stream = await self._connected(kinds)
        due = await asyncio.to_thread(self._claim_due, self._resend_before)
        try:
            for job_id, kind, attempts in due:
                await stream.publish(
                    self._subject(kind),
                    b"",
                    stream=self.stream,
                    headers={"Polywire-Job": str(job_id), "Nats-Msg-Id": f"{job_id}:{attempts}"},
                    timeout=PUBLISH_SECONDS,
                )
        except Exception as error:
            self._resend_all_relayed()  # some may not be on the stream
            raise QueueUnavailable(
                f"the job bus at {self.nats_url} took no jobs ({type(error).__name__})"
            ) from error
        if due:
            log.debug("relayed %d jobs to %s", len(due), self.stream)
        return len(due)

    def _claim_due(self, resend_before: float) -> list[tuple[int, str, int]]:
        """Mark relayed (and return) the jobs due: ready ones, those whose lease ran out (the
        reaper), relayed ones past their hold, and relayed ones held until before
        `resend_before`."""
        now = time.time()
        due = or_(
            and_(jobs.c.state == "ready", jobs.c.run_at <= now),
            and_(jobs.c.state == "leased", jobs.c.lease_until < now),
            and_(jobs.c.state == "relayed", jobs.c.lease_until < max(now, resend_before)),
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
                .values(
                    state="relayed",
                    lease_token=None,
                    lease_until=now + self.settings.relay_hold_seconds,
                )
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
                duplicate_window=settings.relay_hold_seconds,
                **extra,
            )
        )


def _delivered_before(message: Msg) -> bool:
    """Whether JetStream delivered this message before (its reply subject counts deliveries)."""
    try:
        return message.metadata.num_delivered > 1
    except (nats.errors.Error, ValueError, IndexError):
        return False
