from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cluster.processes import WireProcess
from spine.own_nats import NATS_SERVER, OwnNats

from chaos.hooks import Hooks


@pytest.fixture
def hooks() -> Iterator[Hooks]:
    running = Hooks()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def own_nats(tmp_path: Path) -> Iterator[OwnNats]:
    """A nats-server of the test's own, on a free port and its own store directory."""
    if not Path(NATS_SERVER).exists():
        pytest.skip(f"no nats-server at {NATS_SERVER}")
    server = OwnNats(tmp_path / "nats")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def processes() -> Iterator[list[WireProcess]]:
    """Processes a test starts (append them): killed at the end if still running."""
    started: list[WireProcess] = []
    yield started
    for process in started:
        process.kill()
