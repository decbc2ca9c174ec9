from __future__ import annotations

from collections.abc import Iterator

import pytest

from cluster.processes import WireProcess


@pytest.fixture
def processes() -> Iterator[list[WireProcess]]:
    """Processes a test starts (append them): killed at the end if still running."""
    started: list[WireProcess] = []
    yield started
    for process in started:
        process.kill()
