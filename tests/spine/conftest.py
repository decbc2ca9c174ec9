from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import require_service

from polywire.config import Settings, load_settings
from polywire.wire import Wire
from spine.own_nats import NATS_SERVER, OwnNats


@pytest.fixture(params=["sql", pytest.param("nats", marks=pytest.mark.nats)])
def bus_settings(request: pytest.FixtureRequest) -> dict[str, str]:
    """The job queue back-end: the outbox table itself, or NATS JetStream (own stream per test)."""
    if request.param == "sql":
        return {"bus": "sql"}
    require_service("NATS JetStream", "127.0.0.1", 4222)
    return {"bus": "nats", "nats_prefix": f"test_{uuid.uuid4().hex[:12]}"}


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """The spine on its own: no target languages unless a test asks for them, and those that
    pass their check go out (the review policy is tested in tests/review)."""
    return load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        languages=[],
        review={"rules": []},
    )


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()


@pytest.fixture
def own_nats(tmp_path: Path) -> Iterator[OwnNats]:
    """A nats-server of the test's own, on a free port, that the test may stop and start."""
    if not Path(NATS_SERVER).exists():
        pytest.skip(f"no nats-server at {NATS_SERVER}")
    server = OwnNats(tmp_path / "nats")
    server.start()
    yield server
    server.stop()
