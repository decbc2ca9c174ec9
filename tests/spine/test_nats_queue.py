"""The cluster back-end: jobs relayed through NATS JetStream, state and fencing in the outbox."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Collection, Iterator
from pathlib import Path

import nats
import pytest
from helpers import require_service
from sqlalchemy import Connection, select

from polywire.bus.base import Commit, Lease
from polywire.bus.nats_queue import NatsJobQueue
from polywire.bus.outbox import enqueue
from polywire.bus.worker import Handler, Worker
from polywire.config import JobSettings, load_settings
from polywire.services import StoryService
from polywire.store.tables import events, jobs
from polywire.wire import Wire
from spine.samples import STORY, distinct_story

pytestmark = pytest.mark.nats


@pytest.fixture
def prefix() -> str:
    require_service("NATS JetStream", "127.0.0.1", 4222)
    return f"test_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def nats_wire(tmp_path: Path, database_url: str, prefix: str) -> Iterator[Wire]:
    wire = Wire(
        load_settings(
            data_dir=tmp_path / "data",
            database_url=database_url,
            bus="nats",
            nats_prefix=prefix,
            languages=[],
        )
    )
    yield wire
    wire.close()


async def stream_state(prefix: str) -> tuple[int, int]:
    """(messages left on the work-queue stream, messages delivered and not yet acknowledged)."""
    client = await nats.connect("nats://127.0.0.1:4222")
    try:
        stream = client.jetstream()
        info = await stream.stream_info(f"{prefix.upper()}_JOBS")
        consumers = await stream.consumers_info(f"{prefix.upper()}_JOBS")
        return info.state.messages, sum(c.num_ack_pending for c in consumers)
    finally:
        await client.close()


async def deliveries(prefix: str) -> tuple[int, int]:
    """(messages the stream took, deliveries of them to workers, over every consumer)."""
    client = await nats.connect("nats://127.0.0.1:4222")
    try:
        stream = client.jetstream()
        info = await stream.stream_info(f"{prefix.upper()}_JOBS")
        consumers = await stream.consumers_info(f"{prefix.upper()}_JOBS")
        return info.state.last_seq, sum(c.delivered.consumer_seq for c in consumers)
    finally:
        await client.close()


def test_stories_run_through_jetstream_once_each(nats_wire: Wire, prefix: str) -> None:
    assert isinstance(nats_wire.queue, NatsJobQueue)
    ids = [
        StoryService(nats_wire).submit(None, distinct_story(i), source=f"s{i}.txt").story_id
        for i in range(8)
    ]
    ran = asyncio.run(nats_wire.worker().run_until_idle())
    assert ran == 32  # classify, release, fan-out and WebSub distribution
    with nats_wire.database.read() as conn:
        released = Counter(conn.execute(select(events.c.story_id)).scalars())
        states = Counter(conn.execute(select(jobs.c.state)).scalars())
    assert released == dict.fromkeys(ids, 1)
    assert states == {"done": 32}
    assert asyncio.run(stream_state(prefix)) == (0, 0)


def test_a_failed_job_is_retried_through_the_relay(nats_wire: Wire, prefix: str) -> None:
    settings = JobSettings(backoff_base_seconds=0.01, backoff_max_seconds=0.02, poll_seconds=0.2)
    queue = NatsJobQueue(nats_wire.database, settings, "nats://127.0.0.1:4222", prefix)
    attempts: list[int] = []

    async def flaky(lease: Lease) -> Commit:
        attempts.append(lease.attempt)
        if lease.attempt == 1:
            raise RuntimeError("the engine fell over")

        def commit(conn: Connection) -> None:
            conn.execute(jobs.update().where(jobs.c.id == lease.job_id).values(last_error="ok"))

        return commit

    with nats_wire.database.write() as conn:
        enqueue(conn, "flaky", "flaky:1", {})

    async def run() -> None:
        worker = Worker(queue, {"flaky": flaky}, concurrency=1, poll_seconds=0.2)
        while not attempts or len(attempts) < 2:
            await worker.run_until_idle()

    asyncio.run(asyncio.wait_for(run(), 30))
    assert attempts == [1, 2]
    with nats_wire.database.read() as conn:
        row = conn.execute(select(jobs.c.state, jobs.c.attempts).where(jobs.c.key == "flaky:1"))
        assert tuple(row.one()) == ("done", 2)


def test_the_embedded_queue_still_works_beside_it(nats_wire: Wire, database_url: str) -> None:
    """Switching `bus` changes the transport only: the same outbox rows, the same outcome."""
    StoryService(nats_wire).submit(None, STORY, source="one.txt")
    asyncio.run(nats_wire.worker().run_until_idle())
    assert {s.state.value for s in StoryService(nats_wire).stories(None)} == {"released"}


def test_workers_of_different_kinds_share_the_stream(nats_wire: Wire, prefix: str) -> None:
    """Each worker pulls only the kinds it runs: each job runs once, promptly, on the worker that
    runs its kind; batches of many. Found: each message was delivered 3.4-4.2 times, as workers
    handed back the kinds they do not run."""
    settings = JobSettings(poll_seconds=0.2)
    queue = NatsJobQueue(nats_wire.database, settings, "nats://127.0.0.1:4222", prefix)
    with nats_wire.database.write() as conn:
        for i in range(20):
            enqueue(conn, "slow", f"slow:{i}", {})
            enqueue(conn, "fast", f"fast:{i}", {})
    ran: Counter[tuple[str, str]] = Counter()
    stop = asyncio.Event()

    def runner(name: str) -> Handler:
        async def handle(lease: Lease) -> Commit:
            ran[(name, lease.key)] += 1
            if len(ran) == 40:
                stop.set()
            return lambda conn: None

        return handle

    async def run() -> None:
        fast = Worker(queue, {"fast": runner("fast")}, concurrency=8, batch=8, poll_seconds=0.2)
        slow = Worker(queue, {"slow": runner("slow")}, concurrency=2, poll_seconds=0.2)
        await asyncio.gather(fast.run(stop), slow.run(stop))

    asyncio.run(asyncio.wait_for(run(), 30))
    assert set(ran.values()) == {1}
    assert {(name, key.split(":")[0]) for name, key in ran} == {("fast", "fast"), ("slow", "slow")}
    with nats_wire.database.read() as conn:
        assert set(conn.execute(select(jobs.c.state)).scalars()) == {"done"}
    assert asyncio.run(deliveries(prefix)) == (40, 40)


def test_an_idle_worker_logs_no_error(
    nats_wire: Wire, prefix: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Found: idle workers logged ERROR tracebacks, "could not reach the job queue", for pulls
    that timed out; an empty queue is normal."""
    settings = JobSettings(poll_seconds=0.05)
    polls = 0

    class Counting(NatsJobQueue):
        async def lease_batch(self, worker: str, kinds: Collection[str], limit: int) -> list[Lease]:
            nonlocal polls
            polls += 1
            if polls == 40:
                stop.set()
            return await super().lease_batch(worker, kinds, limit)

    queue = Counting(nats_wire.database, settings, "nats://127.0.0.1:4222", prefix)
    stop = asyncio.Event()
    handlers = dict.fromkeys(("a", "b", "c"), nats_wire.pipeline.handlers["classify"])

    async def run() -> None:
        batched = Worker(queue, handlers, concurrency=4, batch=4, poll_seconds=0.01)
        single = Worker(queue, handlers, concurrency=2, poll_seconds=0.01)
        await asyncio.gather(batched.run(stop), single.run(stop))

    asyncio.run(asyncio.wait_for(run(), 60))
    assert [r.getMessage() for r in caplog.records if r.levelname in ("ERROR", "WARNING")] == []
