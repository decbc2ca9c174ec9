"""Run the wire: the HTTP API and the job workers side by side in one asyncio process."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from functools import partial

from fastapi import FastAPI

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


async def run(
    wire: Wire,
    *,
    serve_api: bool = True,
    run_workers: bool = True,
    poll_feeds: bool = True,
    on_ready: Callable[[], None] | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Serve until SIGINT/SIGTERM, then stop within `cluster.shutdown_grace_seconds`: live
    streams end at once with a hint to reconnect, requests under way and jobs in their
    handlers get the grace period, and whatever still runs after it is cancelled. Feeds are
    polled by one process of the fleet at a time, the `serve` (or `demo`) that holds the feed
    lease; `polywire worker` never polls. Given `stop`, the caller (a test, a benchmark in the
    same process) stops it by setting that event, and signals are left alone."""
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
    tasks: list[asyncio.Task[None]] = []
    server: EmbeddedServer | None = None
    kinds: set[str] = set()
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
    if run_workers:
        tasks.append(asyncio.create_task(jobs.run(stop)))
        tasks.append(asyncio.create_task(delivery.run(stop)))
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
            await serving
            raise OSError(f"cannot serve on {wire.settings.host}:{port}")
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
        task.cancel()  # a job cut short keeps its lease until it runs out; another worker takes it
    if unfinished:
        log.warning("%d tasks still running after %g s: cancelled", len(unfinished), grace)
        await asyncio.gather(*unfinished, return_exceptions=True)
    for task in done:
        task.result()  # an error of a task is the process's
    await wire.pipeline.aclose()


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
