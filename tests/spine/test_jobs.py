"""Durable jobs on SQLite and PostgreSQL: leasing, fencing, retries, dead jobs, the event log."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

import pytest
from sqlalchemy import Connection, func, select

from polywire.bus.base import Commit, Lease
from polywire.bus.event_log import SqlEventLog
from polywire.bus.outbox import enqueue, enqueue_many
from polywire.bus.sql_queue import SqlJobQueue
from polywire.bus.worker import Worker
from polywire.config import JobSettings
from polywire.store import group_writes
from polywire.store.db import Database
from polywire.store.migrate import upgrade
from polywire.store.tables import events, jobs


@pytest.fixture
def database(database_url: str) -> Database:
    db = Database(database_url)
    upgrade(db)
    return db


def queue_for(database: Database, **settings: float) -> SqlJobQueue:
    values = {"backoff_base_seconds": 0.01, "backoff_max_seconds": 0.02, **settings}
    return SqlJobQueue(database, JobSettings(**values))  # type: ignore[arg-type]


def add_job(database: Database, key: str, *, max_attempts: int = 3) -> None:
    with database.write() as conn:
        enqueue(conn, "demo", key, {"n": key}, max_attempts=max_attempts)


def job_row(database: Database, key: str) -> dict[str, object]:
    with database.read() as conn:
        return dict(conn.execute(select(jobs).where(jobs.c.key == key)).mappings().one())


async def test_enqueue_is_idempotent_per_key(database: Database) -> None:
    add_job(database, "a")
    add_job(database, "a")
    with database.read() as conn:
        assert len(conn.execute(select(jobs)).all()) == 1


async def test_a_leased_job_goes_to_one_worker_only(database: Database) -> None:
    queue = queue_for(database)
    add_job(database, "a")
    first = await queue.lease("w1", ["demo"])
    second = await queue.lease("w2", ["demo"])
    assert first is not None and first.key == "a" and first.attempt == 1
    assert second is None


async def test_many_workers_lease_each_job_exactly_once(database: Database) -> None:
    queue = queue_for(database)
    for i in range(40):
        add_job(database, f"job-{i}")
    leases = await asyncio.gather(*(queue.lease(f"w{i}", ["demo"]) for i in range(60)))
    keys = [lease.key for lease in leases if lease is not None]
    assert sorted(keys) == sorted(f"job-{i}" for i in range(40))


async def test_completion_commits_effects_with_the_job(database: Database) -> None:
    log = SqlEventLog(database)
    queue = queue_for(database)
    add_job(database, "a")
    lease = await queue.lease("w1", ["demo"])
    assert lease is not None

    def commit(conn: Connection) -> None:
        log.append(conn, "released", "story", 1, "en", {})
        enqueue(conn, "next", "next-a", {})

    assert await queue.complete(lease, commit)
    assert job_row(database, "a")["state"] == "done"
    assert job_row(database, "next-a")["state"] == "ready"
    assert log.last_seq() == 1


async def test_a_lost_lease_cannot_commit(database: Database) -> None:
    """A stalled worker whose lease expired and was taken over writes nothing."""
    queue = queue_for(database, lease_seconds=0.05)
    log = SqlEventLog(database)
    add_job(database, "a")
    stalled = await queue.lease("w1", ["demo"])
    assert stalled is not None
    await asyncio.sleep(0.1)  # let the lease expire: the point of this test is elapsed time
    taker = await queue.lease("w2", ["demo"])
    assert taker is not None and taker.attempt == 2

    def commit(conn: Connection) -> None:
        log.append(conn, "released", "story", 1, "en", {})

    assert not await queue.complete(stalled, commit)
    assert await queue.extend(stalled) is None
    assert log.last_seq() == 0
    assert await queue.complete(taker, commit)
    assert log.last_seq() == 1


async def test_failures_retry_with_backoff_then_park_the_job_as_dead(database: Database) -> None:
    queue = queue_for(database)
    add_job(database, "a", max_attempts=2)
    lease = await queue.lease("w1", ["demo"])
    assert lease is not None
    before = time.time()
    assert await queue.fail(lease, "engine timed out")
    row = job_row(database, "a")
    assert row["state"] == "ready" and row["last_error"] == "engine timed out"
    assert float(row["run_at"]) > before  # type: ignore[arg-type]

    retry: Lease | None = None
    while retry is None:  # the backoff is 10-20 ms here
        retry = await queue.lease("w1", ["demo"])
    assert retry.attempt == 2
    assert not await queue.fail(retry, "engine timed out again")
    row = job_row(database, "a")
    assert row["state"] == "dead" and row["last_error"] == "engine timed out again"
    assert await queue.lease("w1", ["demo"]) is None


async def test_worker_runs_handlers_and_records_failures(database: Database) -> None:
    queue = queue_for(database)
    add_job(database, "good")
    add_job(database, "bad", max_attempts=1)
    ran: list[str] = []

    async def handler(lease: Lease) -> object:
        if lease.key == "bad":
            raise ValueError("garbage from the engine")
        ran.append(lease.key)
        return lambda conn: None

    worker = Worker(queue, {"demo": handler}, concurrency=2)  # type: ignore[dict-item]
    assert await worker.run_until_idle() == 2
    assert ran == ["good"]
    assert job_row(database, "good")["state"] == "done"
    bad = job_row(database, "bad")
    assert bad["state"] == "dead" and bad["last_error"] == "ValueError: garbage from the engine"


async def test_event_log_sequence_increases_strictly(database: Database) -> None:
    log = SqlEventLog(database)
    for i in range(5):
        with database.write() as conn:
            assert log.append(conn, "released", f"s{i}", 1, "en", {"i": i}) == i + 1
    assert [e.seq for e in log.read(after=2)] == [3, 4, 5]
    assert [e.payload["i"] for e in log.read(after=0, limit=2)] == [0, 1]
    with database.read() as conn:
        assert len(conn.execute(select(events)).all()) == 5


async def test_a_batch_lease_takes_each_due_job_once(database: Database) -> None:
    queue = queue_for(database)
    for i in range(10):
        add_job(database, f"job-{i}")
    first, second, third = await asyncio.gather(
        queue.lease_batch("w1", ["demo"], 4),
        queue.lease_batch("w2", ["demo"], 4),
        queue.lease_batch("w3", ["demo"], 4),
    )
    keys = [lease.key for lease in first + second + third]
    assert sorted(keys) == sorted(f"job-{i}" for i in range(10))
    assert max(len(first), len(second), len(third)) == 4
    assert await queue.lease_batch("w4", ["demo"], 4) == []


async def test_a_batch_completion_is_fenced_per_job(database: Database) -> None:
    """In one transaction, the jobs whose lease is held commit; the one taken over writes
    nothing, and its new holder can still complete it."""
    queue = queue_for(database, lease_seconds=0.05)
    log = SqlEventLog(database)
    for key in ("a", "b", "c"):
        add_job(database, key)
    leases = await queue.lease_batch("w1", ["demo"], 3)
    await asyncio.sleep(0.1)  # let the leases expire: the point of this test is elapsed time
    taker = await queue.lease("w2", ["demo"])
    assert taker is not None and taker.key == "a"
    held = [await queue.extend(lease) for lease in leases[1:]]
    assert all(lease is not None for lease in held)

    def appending(key: str) -> Commit:
        return lambda conn: log.append(conn, "released", key, 1, "en", {}) and None

    done = [(lease, appending(lease.key)) for lease in [leases[0], *held] if lease is not None]
    assert await queue.complete_batch(done) == [False, True, True]
    assert sorted(e.story_id for e in log.read()) == ["b", "c"]
    assert await queue.complete(taker, appending("a"))
    assert {job_row(database, key)["state"] for key in "abc"} == {"done"}


async def test_a_batching_worker_groups_completions_and_isolates_a_bad_commit(
    database: Database,
) -> None:
    queue = queue_for(database)
    for i in range(30):
        add_job(database, f"job-{i}")
    add_job(database, "bad-commit", max_attempts=1)
    groups: list[int] = []
    complete_batch = queue.complete_batch

    async def counting(done: Sequence[tuple[Lease, Commit]]) -> list[bool]:
        groups.append(len(done))
        return await complete_batch(done)

    queue.complete_batch = counting  # type: ignore[method-assign]

    stop = asyncio.Event()
    handled: list[str] = []

    async def handler(lease: Lease) -> Commit:
        await asyncio.sleep(0)
        handled.append(lease.key)
        if len(handled) == 31:
            stop.set()  # the worker finishes what it holds, completions included, then returns
        if lease.key == "bad-commit":

            def broken(conn: Connection) -> None:
                raise RuntimeError("the commit hit a constraint")

            return broken
        return lambda conn: None

    worker = Worker(queue, {"demo": handler}, concurrency=8, batch=8, poll_seconds=0.01)
    await asyncio.wait_for(worker.run(stop), 30)
    assert {job_row(database, f"job-{i}")["state"] for i in range(30)} == {"done"}
    assert max(groups) > 1  # completions went together
    assert sum(groups) >= 31
    bad = job_row(database, "bad-commit")
    assert bad["state"] == "dead"  # its commit failed alone, recorded as its last attempt
    assert "could not be committed: RuntimeError: the commit hit a constraint" in str(
        bad["last_error"]
    )


async def test_many_jobs_are_enqueued_at_once_and_once_each(database: Database) -> None:
    add_job(database, "job-3")
    keyed = [(f"job-{i}", {"n": i}) for i in range(1200)]
    with database.write() as conn:
        added = enqueue_many(conn, "demo", keyed)
    assert added == {f"job-{i}" for i in range(1200)} - {"job-3"}
    with database.write() as conn:
        assert enqueue_many(conn, "demo", keyed) == set()
    with database.read() as conn:
        assert conn.execute(select(func.count()).select_from(jobs)).scalar_one() == 1200
    assert job_row(database, "job-7")["payload"] == {"n": 7}
    assert job_row(database, "job-3")["payload"] == {"n": "job-3"}  # the first one stays


async def test_group_writes_wait_for_the_end_of_the_group(database: Database) -> None:
    statement = jobs.insert()

    def row(key: str) -> dict[str, object]:
        return {
            "kind": "demo",
            "key": key,
            "payload": {},
            "state": "ready",
            "attempts": 0,
            "created": 0,
        }

    def count(conn: Connection) -> int:
        return int(conn.execute(select(func.count()).select_from(jobs)).scalar_one())

    with database.write() as conn:
        group_writes.write(conn, statement, {**row("alone"), "max_attempts": 1, "run_at": 0})
        assert count(conn) == 1  # outside a group: at once
        with group_writes.collecting(conn):
            for key in ("a", "b", "c"):
                group_writes.write(conn, statement, {**row(key), "max_attempts": 1, "run_at": 0})
            assert count(conn) == 1  # waiting for the group
            group_writes.flush(conn)  # a reader of those rows flushes first
            assert count(conn) == 4
            group_writes.write(conn, statement, {**row("d"), "max_attempts": 1, "run_at": 0})
        assert count(conn) == 5  # the end of the group sent the rest
        assert "polywire.group_writes" not in conn.info
