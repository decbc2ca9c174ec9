"""A real worker process for the crash test: the real pipeline, with each job announcing itself
on stdout and then holding for HOLD seconds, so that the test can kill it mid-job.

Usage: python crash_worker.py HOLD    (HOLD=0: run until every story is released, then exit)
"""

from __future__ import annotations

import asyncio
import sys

from polywire.bus.base import Commit, Lease
from polywire.bus.worker import Handler, Worker
from polywire.config import load_settings
from polywire.domain import RenditionState
from polywire.services import StoryService
from polywire.wire import Wire


def announced(handler: Handler, hold: float) -> Handler:
    async def run(lease: Lease) -> Commit:
        print(f"start {lease.key}", flush=True)
        await asyncio.sleep(hold)
        return await handler(lease)

    return run


async def main(hold: float) -> None:
    wire = Wire(load_settings())
    handlers = {kind: announced(h, hold) for kind, h in wire.pipeline.handlers.items()}
    worker = Worker(
        wire.queue,
        handlers,
        concurrency=2,
        poll_seconds=0.05,
        lease_seconds=wire.settings.jobs.lease_seconds,
    )
    if hold:
        await worker.run(asyncio.Event())
    while True:
        await worker.run_until_idle()
        pending = StoryService(wire).report(None).renditions
        if set(pending) == {RenditionState.RELEASED.value}:
            break
        await asyncio.sleep(0.1)  # leases of the killed worker have not expired yet
    wire.close()


if __name__ == "__main__":
    asyncio.run(main(float(sys.argv[1])))
