from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from polywire.config import Settings, load_settings
from polywire.wire import Wire
from publish.receiver import Receiver


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with Receiver().running() as running:
        yield running


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        publish={"outbound": {"allow_loopback": True}},
        review={"rules": []},  # translations that pass go out (the policy: tests/review)
    )


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()


def publish_app(wire: Wire) -> FastAPI:
    """The wire's app: the subscribers and deliveries APIs are part of it."""
    from polywire.web.app import create_app

    return create_app(wire)


@pytest.fixture
def client(wire: Wire) -> Iterator[TestClient]:
    with TestClient(publish_app(wire)) as test_client:
        yield test_client
