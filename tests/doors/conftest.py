"""The HTTP doors: a wire on SQLite (the doors do not depend on the store's back-end)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from helpers import free_port
from sqlalchemy import func, select

from polywire.config import HttpSettings, Settings, load_settings
from polywire.store.publish_tables import subscribers
from polywire.store.tables import stories
from polywire.web.server import EmbeddedServer, ServerConfig
from polywire.wire import Wire

SUBSCRIBER = {
    "name": "Evil",
    "kind": "outlet",
    "languages": ["en"],
    "destinations": [{"channel": "webhook", "address": "https://evil.example/hook"}],
}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", languages=[])


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()


@pytest.fixture
def client(wire: Wire) -> Iterator[TestClient]:
    from polywire.web.app import create_app

    with TestClient(create_app(wire)) as test_client:
        yield test_client


def stored(wire: Wire) -> tuple[int, int]:
    """How many stories and subscribers the store holds."""
    with wire.database.read() as conn:
        story_count = conn.execute(select(func.count()).select_from(stories)).scalar_one()
        subscriber_count = conn.execute(select(func.count()).select_from(subscribers)).scalar_one()
    return story_count, subscriber_count


@contextlib.asynccontextmanager
async def serve(app: Any, http: HttpSettings) -> AsyncIterator[int]:
    """Serve an ASGI app as `polywire serve` does, on a loopback port; yields the port."""
    port = free_port()
    config = ServerConfig(
        app, http, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    config.timeout_graceful_shutdown = 2
    served = EmbeddedServer(config)
    serving = asyncio.create_task(served.serve())
    await served.listening.wait()
    try:
        yield port
    finally:
        served.should_exit = True
        await serving


async def read_to_end(reader: asyncio.StreamReader) -> bytes:
    """Everything the server sends until it closes the connection (a test timeout guards it);
    a server closing with a request body unread resets the connection after its answer."""
    received = b""
    with contextlib.suppress(ConnectionResetError):
        while chunk := await asyncio.wait_for(reader.read(65536), timeout=30):
            received += chunk
    return received
