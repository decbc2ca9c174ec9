"""The HTTP doors: a wire on SQLite (the doors do not depend on the store's back-end)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from polywire.config import Settings, load_settings
from polywire.store.publish_tables import subscribers
from polywire.store.tables import stories
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
