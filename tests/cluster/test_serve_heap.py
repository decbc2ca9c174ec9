"""While `serve` answers the API, the objects of its start-up are out of the garbage collector's
sight: a full collection, which the event loop runs itself, no longer traverses the modules, the
app and its models (bench/README.md, "Every run": a loop stall of a second on a loaded machine,
at the start of the busy phase). What the process allocates afterwards is collected as before,
and the collector is as it was once the API stops."""

from __future__ import annotations

import asyncio
import gc

import httpx

from polywire.runner import run
from polywire.wire import Wire

STORY = "Budget vote\n\n" + "The parliament voted today on a budget for the schools. " * 5


class Cycle:
    """An object in a reference cycle: only the collector frees it."""

    def __init__(self) -> None:
        self.me = self


async def test_the_start_up_heap_is_frozen_while_the_api_answers(wire: Wire) -> None:
    stop, ready = asyncio.Event(), asyncio.Event()
    serving = asyncio.create_task(
        run(wire, run_workers=False, poll_feeds=False, on_ready=ready.set, stop=stop)
    )
    try:
        await asyncio.wait_for(ready.wait(), 30)
        base = f"http://127.0.0.1:{wire.settings.port}"
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            answer = await client.post("/v1/stories", json={"content": STORY, "language": "en"})
            assert answer.status_code == 201, answer.text
            assert (await client.get("/v1/stories")).status_code == 200
        # what a submission imports on first use (its same-story signature) was frozen too: a
        # full collection traverses a small part of the heap
        gc.collect()
        assert gc.get_freeze_count() > 10 * len(gc.get_objects())
        cycle = Cycle()
        before = sum(stats["collected"] for stats in gc.get_stats())
        del cycle
        gc.collect()
        assert sum(stats["collected"] for stats in gc.get_stats()) > before
    finally:
        stop.set()
        await serving
    assert gc.get_freeze_count() == 0
