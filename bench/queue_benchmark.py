"""Throughput of the durable job queue against a bare loop doing the same writes.

Each job's work is one small write (a row into a scratch table). The baseline does that write
in its own transaction in a plain loop: the cost any stage pays without a queue. The durable run
enqueues the same number of jobs through the outbox and lets a worker lease, run and complete
them (lease UPDATE, the write and the fenced completion in one transaction). The figure is the
ratio of the two rates, measured in the same process on the same database.

    python bench/queue_benchmark.py --jobs 2000
    python bench/queue_benchmark.py --jobs 2000 --database-url postgresql+psycopg://postgres@127.0.0.1/bench
    python bench/queue_benchmark.py --jobs 2000 --database-url ... --nats nats://127.0.0.1:4222
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Column, Connection, Integer, MetaData, String, Table

from polywire.bus.base import Commit, JobQueue, Lease
from polywire.bus.nats_queue import NatsJobQueue
from polywire.bus.outbox import enqueue
from polywire.bus.sql_queue import SqlJobQueue
from polywire.bus.worker import Worker
from polywire.config import JobSettings
from polywire.store.db import Database
from polywire.store.migrate import upgrade
from polywire.store.tables import jobs

scratch_metadata = MetaData()
scratch = Table(
    "bench_scratch",
    scratch_metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(64), nullable=False),
)


def reset(database: Database) -> None:
    with database.write() as conn:
        scratch_metadata.create_all(conn)
        conn.execute(scratch.delete())
        conn.execute(jobs.delete())


def bare_loop(database: Database, count: int) -> float:
    started = time.perf_counter()
    for number in range(count):
        with database.write() as conn:
            conn.execute(scratch.insert().values(key=f"bare-{number}"))
    return count / (time.perf_counter() - started)


async def durable(database: Database, queue: JobQueue, count: int, concurrency: int) -> float:
    started = time.perf_counter()
    for number in range(count):
        with database.write() as conn:
            enqueue(conn, "bench", f"bench-{number}", {"n": number})

    async def handle(lease: Lease) -> Commit:
        def commit(conn: Connection) -> None:
            conn.execute(scratch.insert().values(key=lease.key))

        return commit

    worker = Worker(
        queue,
        {"bench": handle},
        concurrency=concurrency,
        poll_seconds=0.01,
        lease_seconds=30,
        name="bench",
    )
    done = await worker.run_until_idle()
    assert done == count, f"ran {done} of {count} jobs"
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--nats", default=None, metavar="URL", help="relay jobs through JetStream")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_dir:
        url = args.database_url or f"sqlite:///{Path(scratch_dir) / 'bench.db'}"
        database = Database(url)
        upgrade(database)
        reset(database)
        bare = bare_loop(database, args.jobs)
        reset(database)
        settings = JobSettings(poll_seconds=0.05)
        queue: JobQueue = (
            NatsJobQueue(database, settings, args.nats, f"bench_{uuid.uuid4().hex[:8]}")
            if args.nats
            else SqlJobQueue(database, settings)
        )
        queued = asyncio.run(durable(database, queue, args.jobs, args.concurrency))
        reset(database)
        database.dispose()
    print(f"database        {url.split('://')[0]}{' + NATS JetStream' if args.nats else ''}")
    print(f"jobs            {args.jobs}")
    print(f"bare loop       {bare:8.0f} writes/s")
    print(f"durable queue   {queued:8.0f} jobs/s (enqueue + lease + run + complete)")
    print(f"ratio           {queued / bare:8.2f} of the bare loop")


if __name__ == "__main__":
    main()
