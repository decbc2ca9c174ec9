"""Workers: lease a job, run its stage, commit its effects, repeat.

A stage handler computes outside any transaction and returns a `Commit` that writes its results
and enqueues what follows; the queue runs that commit fenced by the lease. While a handler runs,
its lease is renewed in the background, so a slow stage is not taken over by another worker; a
worker that dies stops renewing and its job becomes due again.

A worker with `batch` > 1 (deliveries: many short jobs that wait on the network) leases up to
`batch` jobs in one request and completes them in groups: completions that arrive while one
group commits go together in the next transaction, so a job costs a fraction of the two
transactions it costs alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from polywire.bus.base import Commit, JobQueue, Lease, QueueUnavailable
from polywire.bus.instruments import STAGE_SECONDS

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
        batch: int = 1,
        name: str | None = None,
    ) -> None:
        self.queue = queue
        self.handlers = dict(handlers)
        self.concurrency = concurrency
        self.poll_seconds = poll_seconds
        self.lease_seconds = lease_seconds
        self.batch = batch
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        #: per worker loop, why the queue could not be reached at its last poll
        self._waiting: dict[str, str] = {}

    async def run(self, stop: asyncio.Event) -> None:
        """Work until `stop` is set."""
        try:
            if self.batch > 1:
                await self._run_batched(stop)
            else:
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
                self._available(worker)
            except QueueUnavailable as error:
                self._unavailable(worker, error)
                ran = False
            except Exception:
                log.exception("worker %s could not reach the job queue", worker)
                ran = False
            if not ran:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.poll_seconds)

    def _unavailable(self, worker: str, error: QueueUnavailable) -> None:
        """Say once that the queue is away (and again when the reason changes), not on every
        poll of an outage."""
        if self._waiting.get(worker) != str(error):
            log.warning("worker %s waits for the job queue: %s", worker, error)
        self._waiting[worker] = str(error)

    def _available(self, worker: str) -> None:
        if self._waiting.pop(worker, None) is not None:
            log.info("worker %s reaches the job queue again", worker)

    async def _run_batched(self, stop: asyncio.Event) -> None:
        """Lease in batches, free a slot as soon as its handler is done (its commit waits for
        the next group without holding a slot), and lease again once enough slots are free."""
        group = GroupCommit(self.queue, self.batch)
        slots = _Slots(self.concurrency)
        tasks: set[asyncio.Task[None]] = set()
        #: jobs leased and not yet committed, at most: the slots plus two groups waiting to commit
        held_at_most = self.concurrency + 2 * self.batch
        enough = max(1, min(self.batch, self.concurrency) // 2)
        try:
            while not stop.is_set():
                wanted = min(slots.free, held_at_most - len(tasks), self.batch)
                if wanted < enough and tasks:
                    await slots.wait_freed(self.poll_seconds)
                    continue
                try:
                    leases = await self.queue.lease_batch(self.name, self.handlers, max(wanted, 1))
                    self._available(self.name)
                except QueueUnavailable as error:
                    self._unavailable(self.name, error)
                    leases = []
                except Exception:
                    log.exception("worker %s could not reach the job queue", self.name)
                    leases = []
                for lease in leases:
                    slots.take()
                    task = asyncio.create_task(self._run_logged(lease, group.complete, slots.give))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                if not leases:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), self.poll_seconds)
        finally:
            if tasks:
                await asyncio.wait(tasks)

    async def _run_logged(
        self, lease: Lease, complete: Complete, handled: Callable[[], None]
    ) -> None:
        try:
            await self._run(lease, complete, handled)
        except Exception:
            log.exception("job %s %s: the job queue could not be reached", lease.kind, lease.key)

    async def _run(
        self,
        lease: Lease,
        complete: Complete | None = None,
        handled: Callable[[], None] | None = None,
    ) -> None:
        """Run the handler, then record its outcome; `handled` is called when the handler is
        done. The lease is renewed until the outcome is committed."""
        keeper = asyncio.create_task(self._keep_leased(lease))
        started = time.perf_counter()
        try:
            try:
                outcome: Commit | Exception = await self.handlers[lease.kind](lease)
            except Exception as error:
                outcome = error
            finally:
                if handled is not None:
                    handled()
            STAGE_SECONDS.labels(lease.kind, _outcome(outcome)).observe(
                time.perf_counter() - started
            )
            await self._record(lease, outcome, complete or self.queue.complete)
        finally:
            keeper.cancel()

    async def _record(self, lease: Lease, outcome: Commit | Exception, complete: Complete) -> None:
        if isinstance(outcome, RetryLater):
            await self.queue.fail(lease, f"waiting: {outcome}", retry_in=outcome.seconds)
            return
        if isinstance(outcome, Exception):
            message = f"{type(outcome).__name__}: {outcome}"
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
        try:
            completed = await complete(lease, outcome)
        except Exception as error:
            message = f"its outcome could not be committed: {type(error).__name__}: {error}"
            retried = await self.queue.fail(lease, message)
            log.warning(
                "job %s %s %s (%s)",
                lease.kind,
                lease.key,
                message,
                "will retry" if retried else "dead",
            )
            return
        if completed:
            log.info("job %s %s done", lease.kind, lease.key)
        else:
            log.warning("job %s %s lost its lease; its result was discarded", lease.kind, lease.key)

    async def _keep_leased(self, lease: Lease) -> None:
        current: Lease | None = lease
        while current is not None:
            await asyncio.sleep(self.lease_seconds / 3)
            current = await self.queue.extend(current)


Complete = Callable[[Lease, Commit], Awaitable[bool]]


def _outcome(outcome: Commit | Exception) -> str:
    if isinstance(outcome, RetryLater):
        return "retry"
    return "failed" if isinstance(outcome, Exception) else "done"


class _Slots:
    """How many jobs of a batching worker are in their handler, out of `size`."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.taken = 0
        self._freed = asyncio.Event()

    @property
    def free(self) -> int:
        return self.size - self.taken

    def take(self) -> None:
        self.taken += 1

    def give(self) -> None:
        self.taken -= 1
        self._freed.set()

    async def wait_freed(self, timeout: float) -> None:  # noqa: ASYNC109
        """Until a slot is given back, or `timeout` seconds."""
        self._freed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._freed.wait(), timeout)


class GroupCommit:
    """Completes jobs in groups of up to `limit`, one transaction each (group commit).

    The first completion commits at once; those that arrive while it commits wait and go
    together in the next group. A group whose transaction fails is completed job by job, so
    one bad commit fails only its own job."""

    def __init__(self, queue: JobQueue, limit: int) -> None:
        self.queue = queue
        self.limit = limit
        self._waiting: list[tuple[Lease, Commit, asyncio.Future[bool]]] = []
        self._committing: asyncio.Task[None] | None = None

    async def complete(self, lease: Lease, commit: Commit) -> bool:
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((lease, commit, done))
        if self._committing is None or self._committing.done():
            self._committing = asyncio.create_task(self._commit_waiting())
        return await done

    async def _commit_waiting(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting[: self.limit], self._waiting[self.limit :]
            try:
                results = await self.queue.complete_batch([(lease, c) for lease, c, _ in group])
            except Exception as error:
                if len(group) == 1:
                    _settle(group[0][2], error)
                    continue
                log.warning("a group of %d completions failed (%s); one by one", len(group), error)
                for lease, commit, done in group:
                    try:
                        _settle(done, await self.queue.complete(lease, commit))
                    except Exception as alone:
                        _settle(done, alone)
                continue
            for (_, _, done), result in zip(group, results, strict=True):
                _settle(done, result)


def _settle(done: asyncio.Future[Any], outcome: Any) -> None:
    if done.done():
        return
    if isinstance(outcome, BaseException):
        done.set_exception(outcome)
    else:
        done.set_result(outcome)
