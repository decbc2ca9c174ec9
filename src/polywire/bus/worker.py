"""Workers: lease a job, run its stage, commit its effects, repeat.

A stage handler computes outside any transaction and returns a `Commit` that writes its results
and enqueues what follows; the queue runs that commit fenced by the lease. While a handler runs,
its lease is renewed in the background, so a slow stage is not taken over by another worker; a
worker that dies stops renewing and its job becomes due again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Mapping

from polywire.bus.base import Commit, JobQueue, Lease

log = logging.getLogger("polywire.jobs")

Handler = Callable[[Lease], Awaitable[Commit]]


class RetryLater(Exception):
    """Raised by a handler when the job is not failing but must wait (e.g. an embargo)."""

    def __init__(self, seconds: float, reason: str) -> None:
        super().__init__(reason)
        self.seconds = seconds


class Worker:
    """Runs jobs of the kinds in `handlers` with `concurrency` jobs at a time."""

    def __init__(
        self,
        queue: JobQueue,
        handlers: Mapping[str, Handler],
        *,
        concurrency: int = 2,
        poll_seconds: float = 0.5,
        lease_seconds: float = 60.0,
        name: str | None = None,
    ) -> None:
        self.queue = queue
        self.handlers = dict(handlers)
        self.concurrency = concurrency
        self.poll_seconds = poll_seconds
        self.lease_seconds = lease_seconds
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"

    async def run(self, stop: asyncio.Event) -> None:
        """Work until `stop` is set."""
        try:
            await asyncio.gather(*(self._loop(i, stop) for i in range(self.concurrency)))
        finally:
            await self.queue.close()

    async def run_until_idle(self) -> int:
        """Work until no job is due; returns how many jobs ran. For scripts and `demo --once`."""
        ran = 0
        try:
            while True:
                results = await asyncio.gather(
                    *(self.run_one(f"{self.name}/{i}") for i in range(self.concurrency))
                )
                done = sum(results)
                if done == 0:
                    return ran
                ran += done
        finally:
            await self.queue.close()

    async def run_one(self, worker: str) -> bool:
        """Lease and run one due job; False when none was due."""
        lease = await self.queue.lease(worker, self.handlers)
        if lease is None:
            return False
        await self._run(lease)
        return True

    async def _loop(self, index: int, stop: asyncio.Event) -> None:
        worker = f"{self.name}/{index}"
        while not stop.is_set():
            try:
                ran = await self.run_one(worker)
            except Exception:
                log.exception("worker %s could not reach the job queue", worker)
                ran = False
            if not ran:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.poll_seconds)

    async def _run(self, lease: Lease) -> None:
        keeper = asyncio.create_task(self._keep_leased(lease))
        try:
            commit = await self.handlers[lease.kind](lease)
        except RetryLater as wait:
            keeper.cancel()
            await self.queue.fail(lease, f"waiting: {wait}", retry_in=wait.seconds)
            return
        except Exception as error:
            keeper.cancel()
            message = f"{type(error).__name__}: {error}"
            retried = await self.queue.fail(lease, message)
            log.warning(
                "job %s %s attempt %d failed (%s): %s",
                lease.kind,
                lease.key,
                lease.attempt,
                "will retry" if retried else "dead",
                message,
            )
            return
        keeper.cancel()
        if await self.queue.complete(lease, commit):
            log.info("job %s %s done", lease.kind, lease.key)
        else:
            log.warning("job %s %s lost its lease; its result was discarded", lease.kind, lease.key)

    async def _keep_leased(self, lease: Lease) -> None:
        current: Lease | None = lease
        while current is not None:
            await asyncio.sleep(self.lease_seconds / 3)
            current = await self.queue.extend(current)
