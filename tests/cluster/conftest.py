from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import free_port

from cluster.processes import WireProcess
from polywire.config import load_settings
from polywire.wire import Wire


@pytest.fixture
def processes() -> Iterator[list[WireProcess]]:
    """Processes a test starts (append them): killed at the end if still running."""
    started: list[WireProcess] = []
    yield started
    for process in started:
        process.kill()


@pytest.fixture
def wire(tmp_path: Path) -> Iterator[Wire]:
    """A wire on SQLite in the test's folder, for `runner.run` to serve on a free port."""
    settings = load_settings(
        data_dir=tmp_path / "data", port=free_port(), host="127.0.0.1", languages=[]
    )
    opened = Wire(settings)
    yield opened
    opened.close()
