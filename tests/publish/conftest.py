from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from publish.receiver import Receiver


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with Receiver().running() as running:
        yield running
