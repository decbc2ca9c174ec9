"""One release to N webhook endpoints on loopback, against a bare client in the same run.

The wire run: N subscribers each with a webhook destination (`/e/<i>` on one receiver process),
one story submitted and released; the fan-out targets it, records N pending deliveries and
enqueues N deliver jobs; workers (`--concurrency` slots) compose, sign (Standard Webhooks), POST
through the guarded client and record every attempt. Release-to-delivery time per endpoint is
`delivered - released` from the delivery records.

The baseline: a bare httpx client posting the same body, unsigned, to the same N endpoints with
the same concurrency, no store. The figure is the ratio of deliveries per second.

    python bench/fanout_benchmark.py --endpoints 1000 6500
    python bench/fanout_benchmark.py --endpoints 1000 --database-url postgresql+psycopg://postgres@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from polywire.bus.base import Commit, Lease
from polywire.bus.worker import Handler, Worker
from polywire.config import load_settings
from polywire.publish.deliver.stages import DeliverStage
from polywire.publish.subscribers import SubscriberSpec, normalise
from polywire.services import StoryService
from polywire.store import subscribers as subscriber_store
from polywire.store.publish_tables import deliveries
from polywire.wire import Wire

STORY = (
    b"Acme opens a solar plant in Leeds\n\n"
    b"Acme Ltd opened a solar plant in Leeds on Monday, creating 500 jobs.\n\n"
    b"The plant will make 20,000 panels a year from 2027, the company said.\n"
)

RECEIVER = """
import uvicorn
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})
uvicorn.run(app, host="127.0.0.1", port=int(__import__("sys").argv[1]), log_level="error",
            loop="uvloop", http="httptools", backlog=4096, timeout_keep_alive=60)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_receiver() -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", RECEIVER, str(port)])
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the receiver did not start")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


async def bare(
    port: int, count: int, body: bytes, concurrency: int, per_host: int
) -> tuple[float, list[float]]:
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=per_host, max_keepalive_connections=per_host)
    done: list[float] = []
    async with httpx.AsyncClient(limits=limits, timeout=15) as client:
        started = time.perf_counter()

        async def post(index: int) -> None:
            async with gate:
                response = await client.post(
                    f"http://127.0.0.1:{port}/e/{index}",
                    content=body,
                    headers={"content-type": "application/json"},
                )
                response.raise_for_status()
                done.append(time.perf_counter() - started)

        await asyncio.gather(*(post(i) for i in range(count)))
    return count / max(done), done


async def wired(
    port: int,
    count: int,
    concurrency: int,
    batch: int,
    per_host: int,
    database_url: str | None,
    data_dir: Path,
) -> tuple[float, list[float], bytes]:
    settings = load_settings(
        data_dir=data_dir,
        database_url=database_url,
        publish={
            "outbound": {"allow_loopback": True, "max_connections_per_host": per_host},
            "deliver_concurrency": concurrency,
            "deliver_batch": batch,
        },
        jobs={"lease_seconds": 120, "poll_seconds": 0.05},
        languages=[],  # the release of the source alone: no translation work beside it
    )
    wire = Wire(settings)
    try:
        with wire.database.write() as conn:
            for index in range(count):
                spec = normalise(
                    SubscriberSpec(
                        name=f"outlet {index}",
                        languages=["en"],
                        destinations=[
                            {"channel": "webhook", "address": f"http://127.0.0.1:{port}/e/{index}"}
                        ],
                    )
                )
                subscriber_store.add_subscriber(conn, spec)
        # As `polywire serve` runs them: the stages' worker and the delivery worker side by side.
        delivery = wire.pipeline.delivery_worker(wire.queue)
        stages = {k: h for k, h in wire.pipeline.handlers.items() if k not in delivery.handlers}
        worker = Worker(wire.queue, stages, concurrency=2, poll_seconds=0.05)
        stop = asyncio.Event()
        delivery.handlers[DeliverStage.kind] = _stopping_after(
            count, delivery.handlers[DeliverStage.kind], stop
        )
        delivering = asyncio.create_task(delivery.run(stop))
        submitted = StoryService(wire).submit(None, STORY, source="story.txt")
        await worker.run_until_idle()  # classify and release; the delivery worker fans out
        await delivering
        with wire.database.read() as conn:
            rows = conn.execute(
                select(deliveries.c.status, deliveries.c.released, deliveries.c.delivered).where(
                    deliveries.c.story_id == submitted.story_id
                )
            ).all()
        failed = [r for r in rows if r.status != "delivered"]
        if len(rows) != count or failed:
            raise SystemExit(f"{len(rows)} deliveries for {count} endpoints, {len(failed)} failed")
        times = [(r.delivered - r.released).total_seconds() for r in rows]
        return count / max(times), times, _one_body(wire, submitted.story_id)
    finally:
        await wire.pipeline.aclose()
        wire.close()


def _stopping_after(count: int, handler: Handler, stop: asyncio.Event) -> Handler:
    """The deliver handler, setting `stop` once it has run `count` times (the worker then
    finishes and commits what it holds before returning)."""
    ran = 0

    async def handle(lease: Lease) -> Commit:
        nonlocal ran
        commit = await handler(lease)
        ran += 1
        if ran == count:
            stop.set()
        return commit

    return handle


def _one_body(wire: Wire, story_id: str) -> bytes:
    """The body one endpoint got (unsigned bodies are the same size for every endpoint)."""
    from datetime import UTC, datetime

    from polywire.compose import compose
    from polywire.publish.deliver.channels.base import Outgoing
    from polywire.publish.deliver.channels.webhook import payload
    from polywire.store import stories as store

    with wire.database.read() as conn:
        story = store.get_story(conn, story_id)
        version = store.get_version(conn, story_id, 1)
        rendition = store.get_rendition(conn, story_id, 1, version.language)
        destination = subscriber_store.list_subscribers(conn, limit=1)[0].destinations[0]
    composed = compose(version, rendition, wire.settings, story=story)
    outgoing = Outgoing("msg", destination, composed, "story.released", 1, datetime.now(UTC))
    return payload(outgoing)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoints", type=int, nargs="+", default=[1000, 6500])
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument(
        "--per-host",
        type=int,
        default=8,
        help="connections to the receiver at once, both clients (the wire's default is 8)",
    )
    parser.add_argument(
        "--batch", type=int, default=32, help="deliver jobs leased and completed together"
    )
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()
    receiver, port = start_receiver()
    rows = []
    try:
        for count in args.endpoints:
            with tempfile.TemporaryDirectory() as tmp:
                url = args.database_url
                if url is not None:
                    _reset(url)
                rate, times, body = asyncio.run(
                    wired(port, count, args.concurrency, args.batch, args.per_host, url, Path(tmp))
                )
            bare_rate, bare_times = asyncio.run(
                bare(port, count, body, args.concurrency, args.per_host)
            )
            rows.append((count, rate, times, bare_rate, bare_times, len(body)))
    finally:
        receiver.terminate()
        receiver.wait()
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(
        f"\nfan-out, {database}, concurrency {args.concurrency}, batch {args.batch}, "
        f"connections {args.per_host}, "
        f"cpus {os.cpu_count()}"
    )
    print(
        "| endpoints | body | wire deliveries/s | first | p50 | p99 "
        "| bare posts/s | p50 | p99 | ratio |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for count, rate, times, bare_rate, bare_times, size in rows:
        print(
            f"| {count:,} | {size:,} B | {rate:,.0f} | {min(times):.2f} s "
            f"| {statistics.median(times):.2f} s "
            f"| {percentile(times, 0.99):.2f} s | {bare_rate:,.0f} "
            f"| {statistics.median(bare_times):.2f} s | {percentile(bare_times, 0.99):.2f} s "
            f"| {rate / bare_rate:.2f} |"
        )


def _reset(url: str) -> None:
    """Empty the benchmark database (PostgreSQL): drop every table, then migrations recreate."""
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    engine.dispose()


if __name__ == "__main__":
    main()
