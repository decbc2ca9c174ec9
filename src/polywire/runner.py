"""Run the wire: the HTTP API and the job workers side by side in one asyncio process."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable

from polywire.ingest.feeds.poller import FeedPoller
from polywire.web.app import create_app
from polywire.web.server import EmbeddedServer, ServerConfig
from polywire.wire import Wire

log = logging.getLogger("polywire.runner")


async def run(
    wire: Wire,
    *,
    serve_api: bool = True,
    run_workers: bool = True,
    poll_feeds: bool = True,
    on_ready: Callable[[], None] | None = None,
) -> None:
    """Serve until SIGINT/SIGTERM. Feeds are polled by one process only (it holds no lease):
    the one `polywire serve` or `demo`, not `polywire worker`."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    tasks: list[asyncio.Task[None]] = []
    server: EmbeddedServer | None = None
    if run_workers:
        tasks.append(asyncio.create_task(wire.worker().run(stop)))
        delivery = wire.pipeline.delivery_worker(wire.queue, name=f"{wire.worker().name}/deliver")
        tasks.append(asyncio.create_task(delivery.run(stop)))
    if poll_feeds:
        poller = FeedPoller(wire.database, wire.submit, wire.settings.ingest)
        tasks.append(asyncio.create_task(poller.run(stop)))
    if serve_api:
        config = ServerConfig(
            create_app(wire),
            wire.settings.http,
            host=wire.settings.host,
            port=wire.settings.port,
            log_level="warning",
            lifespan="off",
        )
        server = EmbeddedServer(config)
        serving = asyncio.create_task(server.serve())
        tasks.append(serving)
        listening = asyncio.create_task(server.listening.wait())
        await asyncio.wait({serving, listening}, return_when=asyncio.FIRST_COMPLETED)
        if not server.listening.is_set():
            listening.cancel()
            await serving
            raise OSError(f"cannot serve on {wire.settings.host}:{wire.settings.port}")
    if on_ready is not None:
        on_ready()
    await stop.wait()
    log.info("stopping")
    if server is not None:
        server.should_exit = True
    await asyncio.gather(*tasks)
    await wire.pipeline.aclose()
