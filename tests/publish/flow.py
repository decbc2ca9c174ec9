"""Running stories through release, fan-out and delivery in a test, as the wired pipeline will."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select

from polywire.bus.worker import Worker
from polywire.publish.deliver.stages import enqueue_fanout
from polywire.publish.deliver.wiring import PublishStages
from polywire.publish.subscribers import parse_spec
from polywire.store import subscribers as subscriber_store
from polywire.store.tables import events, jobs
from polywire.wire import Wire


def add_subscriber(wire: Wire, name: str, **wants: Any) -> dict[str, Any]:
    spec = parse_spec({"name": name, "languages": ["en"], **wants})
    with wire.database.write() as conn:
        subscriber, _ = subscriber_store.add_subscriber(conn, spec)
    return {
        "id": subscriber.id,
        "destinations": subscriber.destinations,
        "secret": subscriber.destinations[0].secret,
    }


def webhook(url: str, format_name: str = "ninjs2") -> list[dict[str, str]]:
    return [{"channel": "webhook", "format": format_name, "address": url}]


class Flow:
    """A worker that runs release, fan-out and delivery, and relays released events to fan-out."""

    def __init__(self, wire: Wire, concurrency: int = 8, batch: int = 1) -> None:
        self.wire = wire
        self.stages = PublishStages(wire.settings, wire.database)
        handlers = {**wire.pipeline.handlers, **self.stages.handlers}
        self.worker = Worker(
            wire.queue, handlers, concurrency=concurrency, batch=batch, poll_seconds=0.02
        )
        self.relayed = 0

    def relay(self) -> int:
        """Enqueue the fan-out of every released event not relayed yet."""
        with self.wire.database.write() as conn:
            rows = conn.execute(
                select(events).where(events.c.seq > self.relayed).order_by(events.c.seq)
            ).all()
            for row in rows:
                if row.type == "released":
                    enqueue_fanout(conn, row.seq, row.story_id, row.version, row.language)
                self.relayed = row.seq
        return len(rows)

    def open_jobs(self) -> int:
        with self.wire.database.read() as conn:
            return int(
                conn.execute(
                    select(func.count()).where(jobs.c.state.in_(["ready", "leased"]))
                ).scalar_one()
            )

    async def settle(self, within: float = 30) -> None:
        """Run jobs (those scheduled later too) until none is left, relaying released events."""
        stop = asyncio.Event()
        working = asyncio.create_task(self.worker.run(stop))
        try:
            async with asyncio.timeout(within):
                while True:
                    # Jobs first, then events: an event appended by the last job is relayed.
                    idle = await asyncio.to_thread(self.open_jobs) == 0
                    if await asyncio.to_thread(self.relay) == 0 and idle:
                        return
                    await asyncio.sleep(0.05)  # jobs run meanwhile; retries come due
        finally:
            stop.set()
            await working

    async def close(self) -> None:
        await self.stages.aclose()
