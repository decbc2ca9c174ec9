"""PostgreSQL load of idle live readers: polling the SQL event log against following JetStream.

Eight live readers (the log tail of eight web processes, each with its own engine) follow the
event log for `--seconds` while nothing happens: first polling the store every
`deliver.log_poll_seconds` (the SQL tail, baseline), then following the JetStream announcements
(the NATS bus; the store is read every `deliver.log_check_seconds` while the stream is quiet).
Counted: the statements the readers' engines send (SQLAlchemy `before_cursor_execute`) and the
transactions PostgreSQL counted for the database (`pg_stat_database.xact_commit`, which also
counts the pool's pings, one per checkout), both per second. Then one event is appended and the
time until every reader has it is taken.

    createdb -h 127.0.0.1 -U postgres bench_events
    .venv/bin/python bench/event_log_benchmark.py \\
        --database-url postgresql+psycopg://postgres@127.0.0.1/bench_events \\
        --nats nats://127.0.0.1:4222
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid
from pathlib import Path
from typing import Any

import nats
from sqlalchemy import create_engine, event, text

from polywire.bus.event_log import SqlEventLog
from polywire.bus.event_stream import EventPublisher, JetStreamEventLog, stream_name
from polywire.config import load_settings
from polywire.publish.feeds.log_tail import LogTail
from polywire.publish.feeds.stream_tail import StreamTail
from polywire.store.db import Database
from polywire.store.migrate import upgrade


def _commits(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT xact_commit FROM pg_stat_database"
                        " WHERE datname = current_database()"
                    )
                ).scalar_one()
            )
    finally:
        engine.dispose()


async def _run(args: argparse.Namespace, streaming: bool) -> dict[str, float]:
    settings = load_settings(data_dir=Path("/tmp"), database_url=args.database_url, languages=[])
    statements = 0

    def counted(*_: Any) -> None:
        nonlocal statements
        statements += 1

    databases = [Database(args.database_url) for _ in range(args.readers)]
    tails: list[LogTail] = []
    prefix = f"bench_{uuid.uuid4().hex[:8]}"
    for database in databases:
        event.listen(database.engine, "before_cursor_execute", counted)
        log = SqlEventLog(database)
        tails.append(
            StreamTail(
                log,
                settings.deliver.log_poll_seconds,
                nats_url=args.nats,
                prefix=prefix,
                check_seconds=settings.deliver.log_check_seconds,
                reconnect_seconds=settings.jobs.nats_reconnect_seconds,
            )
            if streaming
            else LogTail(log, settings.deliver.log_poll_seconds)
        )
    for tail in tails:
        await tail.start()
    for _ in range(600):  # 30 s at most for every reader to subscribe
        if not streaming or all(isinstance(t, StreamTail) and t.streaming for t in tails):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)  # past the start-up reads

    statements, commits = 0, _commits(args.database_url)
    started = time.monotonic()
    await asyncio.sleep(args.seconds)
    elapsed = time.monotonic() - started
    counted_statements = statements
    await asyncio.sleep(1.5)  # PostgreSQL flushes its statistics at most once a second
    commits = _commits(args.database_url) - commits

    appender_db = Database(args.database_url)
    appender = (
        JetStreamEventLog(appender_db, EventPublisher(args.nats, prefix, 1.0))
        if streaming
        else SqlEventLog(appender_db)
    )
    waits = [asyncio.ensure_future(tail.advanced()) for tail in tails]
    appended = time.monotonic()
    with appender_db.write() as conn:
        appender.append(conn, "released", "bench", 1, "en", {"sectors": []})
    await asyncio.wait_for(asyncio.gather(*waits), 30)
    latency = time.monotonic() - appended

    for tail in tails:
        await tail.stop()
    appender.close()
    for database in [*databases, appender_db]:
        database.dispose()
    if streaming:  # the bench's own stream goes
        client = await nats.connect(args.nats)
        await client.jetstream().delete_stream(stream_name(prefix))
        await client.close()
    return {
        "statements": counted_statements / elapsed,
        "commits": commits / elapsed,
        "latency_ms": latency * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database of its own")
    parser.add_argument("--nats", default="nats://127.0.0.1:4222")
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    upgrade(Database(args.database_url))
    polling = asyncio.run(_run(args, streaming=False))
    streaming = asyncio.run(_run(args, streaming=True))
    print(f"{args.readers} idle readers for {args.seconds:.0f} s each")
    print("| reading | statements/s | xact_commit/s | one event reaches all |")
    print("| --- | --- | --- | --- |")
    for name, found in (("SQL polling", polling), ("JetStream", streaming)):
        print(
            f"| {name} | {found['statements']:.1f} | {found['commits']:.1f} "
            f"| {found['latency_ms']:.0f} ms |"
        )
    statements = streaming["statements"] / polling["statements"]
    commits = streaming["commits"] / max(polling["commits"], 1e-9)
    print(f"ratio JetStream / polling: statements {statements:.3f}, xact_commit {commits:.3f}")


if __name__ == "__main__":
    main()
