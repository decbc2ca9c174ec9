"""Run the wire: the HTTP API beside the job workers, in worker processes of its own or on the
same event loop.

The stages are CPU-bound Python (extraction, classification, translation, checks). Run in threads
of the serving process they hold the interpreter's lock, and the loop that answers requests and
feeds the live streams waits for it (bench/README.md, "Event loop under load"). So `serve` starts
`worker_processes` children that run the jobs, as `polywire worker` does, on the same store (on
SQLite too: WAL mode, writers serialised by `BEGIN IMMEDIATE`, the jobs table is the queue), at a
lower scheduling priority than its own, and stops them when it stops. A child also stops when
its parent dies, however it dies (it watches the parent's sentinel), so a killed `serve` leaves
no worker behind. For the same reason the extraction and the store transaction of submitted
stories, on the API's request path, run in processes of its own while `serve` answers the API
(`polywire.services.intake`, `ingest.extraction_processes`), niced as the workers are, and shut
down when it stops.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from multiprocessing.process import BaseProcess

from fastapi import FastAPI

from polywire.config import Settings, configure_logging
from polywire.fleet.heartbeat import Heartbeat
from polywire.fleet.lease import LeasedChore
from polywire.ingest.feeds.poller import FeedPoller
from polywire.services import StoryService
from polywire.web import metrics
from polywire.web.app import create_app
from polywire.web.live import live_for
from polywire.web.server import EmbeddedServer, ServerConfig
from polywire.wire import Wire

log = logging.getLogger("polywire.runner")

#: The lease of the one process that polls the feeds.
FEED_LEASE = "feed-poller"
#: How much lower the scheduler ranks `serve`'s worker processes (and the Apertium processes
#: they start) than the API's: on a machine with fewer cores than busy processes, a request
#: waits for a core behind the jobs otherwise. The jobs are throughput, the requests latency.
WORKER_NICENESS = 10
#: How long (seconds) a thread of the serving process running Python — a store read of a request,
#: a submission's transaction — keeps the interpreter's lock before the event loop may take it.
#: CPython's default is 5 ms, and under load it showed as about 5 ms added to the p99 of requests
#: the loop answers by itself (`/healthz`): bench/README.md, "Event loop under load".
API_SWITCH_INTERVAL = 0.001
#: What the API's request paths import on first use and keep: a submission's same-story
#: signature (datasketch, with scipy and numpy: about 460 modules and 35,000 objects). The
#: serving process imports them before it freezes its start-up heap, so that they are frozen too.
IMPORTED_BY_REQUESTS = ("datasketch",)


@contextmanager
def _start_up_heap_frozen(serve_api: bool) -> Iterator[None]:
    """While the API is answered, the objects of the start-up (the modules, the app, its routes
    and models: about 200,000) are out of the collector's sight (`gc.freeze`). A full collection
    traverses every tracked object, and the loop that answers requests and feeds the live streams
    runs it itself: with the start-up heap in view, 50–150 ms (more on a loaded machine) in
    which no request is answered, whenever the objects allocated since the last one reach a
    quarter of it (a run of submissions does). What is allocated after is collected as before.
    Restored when the API stops (this process may run something else after, a test)."""
    if not serve_api:
        yield
        return
    for name in IMPORTED_BY_REQUESTS:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


async def run(
    wire: Wire,
    *,
    serve_api: bool = True,
    run_workers: bool = True,
    poll_feeds: bool = True,
    worker_processes: int = 0,
    on_ready: Callable[[], None] | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Serve until SIGINT/SIGTERM, then stop within `cluster.shutdown_grace_seconds`: live
    streams end at once with a hint to reconnect, requests under way and jobs in their
    handlers get the grace period, and whatever still runs after it is cancelled. Feeds are
    polled by one process of the fleet at a time, the `serve` (or `demo`) that holds the feed
    lease; `polywire worker` never polls. Given `stop`, the caller (a test, a benchmark in the
    same process) stops it by setting that event, and signals are left alone. With
    `worker_processes` (and `run_workers`), the jobs run in that many child processes instead
    of on this loop; with `worker_processes` and `serve_api`, submitted stories are extracted and
    stored in processes of their own too (none: on this process, as with `--workers 0`)."""
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
    tasks: list[asyncio.Task[None]] = []
    server: EmbeddedServer | None = None
    kinds: set[str] = set()
    children = WorkerProcesses(wire.settings, worker_processes if run_workers else 0)
    if children.count:
        run_workers = False  # the children run them
    if run_workers:
        jobs = wire.worker()
        delivery = wire.pipeline.delivery_worker(wire.queue, name=f"{jobs.name}/deliver")
        kinds = set(jobs.handlers) | set(delivery.handlers)
    heartbeat = Heartbeat(
        wire.database, wire.settings, role=_role(serve_api, run_workers), kinds=kinds
    )
    # the start-up check: refuses to start on settings the fleet does not share
    await asyncio.to_thread(heartbeat.start)
    tasks.append(asyncio.create_task(heartbeat.run(stop)))
    if children.count:
        children.start()
        tasks.append(asyncio.create_task(children.watch(stop)))
    if run_workers:
        tasks.append(asyncio.create_task(jobs.run(stop)))
        tasks.append(asyncio.create_task(delivery.run(stop)))
    if serve_api and worker_processes:
        wire.intake.use_processes(
            wire.settings.ingest.extraction_processes, niceness=WORKER_NICENESS, open_wire=Wire
        )
    switch_interval = sys.getswitchinterval()
    if serve_api:
        sys.setswitchinterval(API_SWITCH_INTERVAL)
    try:
        if poll_feeds:
            submit = partial(StoryService(wire).submit, None)  # as the operator
            poller = FeedPoller(wire.database, submit, wire.settings.ingest)
            one_poller = LeasedChore(
                wire.database,
                FEED_LEASE,
                heartbeat.name,
                wire.settings.cluster.feed_lease_seconds,
                poller.run,
            )
            tasks.append(asyncio.create_task(one_poller.run(stop)))
        port = wire.settings.port if serve_api else wire.settings.cluster.worker_metrics_port
        if port is not None:
            config = ServerConfig(
                create_app(wire) if serve_api else metrics_app(wire),
                wire.settings.http,
                host=wire.settings.host,
                port=port,
                log_level="warning",
                lifespan="off",
                timeout_graceful_shutdown=wire.settings.cluster.shutdown_grace_seconds,
            )
            server = EmbeddedServer(config)
            serving = asyncio.create_task(server.serve())
            tasks.append(serving)
            listening = asyncio.create_task(server.listening.wait())
            await asyncio.wait({serving, listening}, return_when=asyncio.FIRST_COMPLETED)
            if not server.listening.is_set():
                listening.cancel()
                stop.set()
                await asyncio.gather(serving, *tasks, return_exceptions=True)
                raise OSError(f"cannot serve on {wire.settings.host}:{port}")
        with _start_up_heap_frozen(serve_api):
            if on_ready is not None:
                on_ready()
            await stop.wait()
        grace = wire.settings.cluster.shutdown_grace_seconds
        log.info("stopping (within %g s)", grace)
        if server is not None:
            server.should_exit = True
            live_for(wire).close_streams()
        done, unfinished = await asyncio.wait(tasks, timeout=grace)
        for task in unfinished:
            # a job cut short keeps its lease until it runs out; another worker takes it
            task.cancel()
        if unfinished:
            log.warning("%d tasks still running after %g s: cancelled", len(unfinished), grace)
            await asyncio.gather(*unfinished, return_exceptions=True)
        for task in done:
            task.result()  # an error of a task is the process's
        await wire.pipeline.aclose()
    finally:
        sys.setswitchinterval(switch_interval)
        await asyncio.to_thread(wire.intake.stop_processes)


class WorkerProcesses:
    """`count` child processes that run the jobs as `polywire worker` does, with the settings of
    the process that starts them (they are pickled to the children, so a benchmark's or a test's
    overrides hold there too). Each child serves no metrics port: two on a machine could not
    share one."""

    def __init__(self, settings: Settings, count: int) -> None:
        self.settings = settings.model_copy(
            update={"cluster": settings.cluster.model_copy(update={"worker_metrics_port": None})}
        )
        self.count = count
        self.processes: list[BaseProcess] = []

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")  # a fork would copy the loop's threads
        level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
        for number in range(1, self.count + 1):
            process = context.Process(
                target=worker_process, args=(self.settings, level), name=f"polywire-worker-{number}"
            )
            process.start()
            self.processes.append(process)
        log.info("started %d worker processes", self.count)

    async def watch(self, stop: asyncio.Event) -> None:
        """Until `stop`: a child that exits on its own stops the wire too (jobs would wait for
        ever otherwise; a supervisor restarts the whole), as an error unless it exited cleanly
        (Ctrl+C reaches the children too, and one may finish before this process notices).
        Then stop the children: SIGTERM, the grace period for the jobs under way, SIGKILL for
        any still running."""
        exits = [asyncio.create_task(_exited(process)) for process in self.processes]
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait([stopping, *exits], return_when=asyncio.FIRST_COMPLETED)
        crashed = [p for p in self.processes if p.exitcode] if not stop.is_set() else []
        codes = ", ".join(f"{p.name} ({p.exitcode})" for p in crashed)
        stop.set()
        for process in self.processes:
            if process.exitcode is None:
                process.terminate()
        grace = self.settings.cluster.shutdown_grace_seconds + 2
        _, running = await asyncio.wait(exits, timeout=grace)
        for process in self.processes:
            if process.exitcode is None:
                log.warning("%s still running after %g s: killed", process.name, grace)
                process.kill()
        await asyncio.gather(*running)
        for process in self.processes:
            process.close()
        if crashed:
            raise RuntimeError(f"worker process exited: {codes}")


async def _exited(process: BaseProcess) -> None:
    """Wait, without a thread, until `process` has exited (its sentinel becomes readable)."""
    loop = asyncio.get_running_loop()
    exited = loop.create_future()

    def ready() -> None:
        if not exited.done():
            exited.set_result(None)

    loop.add_reader(process.sentinel, ready)
    try:
        await exited
    finally:
        loop.remove_reader(process.sentinel)
    process.join()


def worker_process(settings: Settings, log_level: str) -> None:
    """A child of `WorkerProcesses`: the jobs, until SIGTERM/SIGINT or until its parent is
    gone."""
    os.nice(WORKER_NICENESS)
    configure_logging(log_level)
    wire = Wire(settings)
    try:
        asyncio.run(_work(wire))
    finally:
        wire.close()


async def _work(wire: Wire) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    parent = multiprocessing.parent_process()
    if parent is not None:  # its sentinel becomes readable when the parent dies
        loop.add_reader(parent.sentinel, stop.set)
    await run(wire, serve_api=False, poll_feeds=False, stop=stop)


def metrics_app(wire: Wire) -> FastAPI:
    """What a process without the API serves: `/metrics` alone (its stage durations and NATS
    redeliveries are its own, and a scrape of the API processes does not see them)."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.include_router(metrics.router(wire))
    return app


def _role(serve_api: bool, run_workers: bool) -> str:
    if serve_api:
        return "serve" if run_workers else "api"
    return "worker"
