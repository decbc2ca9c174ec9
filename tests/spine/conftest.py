from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from polywire.config import Settings, load_settings
from polywire.wire import Wire


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(data_dir=tmp_path / "data", database_url=database_url)


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()
