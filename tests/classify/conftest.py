"""A wire on a temporary store, and stories submitted to it without running the pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from polywire.config import Settings
from polywire.wire import Wire


@pytest.fixture
def wire(tmp_path: Path, database_url: str) -> Iterator[Wire]:
    wire = Wire(Settings(data_dir=tmp_path / "data", database_url=database_url))
    try:
        yield wire
    finally:
        wire.close()


HACK_A = (
    "Hackers drain $40 million from cryptocurrency exchange\n\n"
    "Hackers stole tokens worth $40 million from the Coinvault cryptocurrency exchange "
    "overnight, the company said, and withdrawals were frozen while it investigates the hack "
    "of its hot wallets.\n"
)
HACK_B = (
    "Cryptocurrency exchange hit by $12 million hack\n\n"
    "The Bitnest cryptocurrency exchange said hackers took $12 million in tokens from its hot "
    "wallets, and it has frozen withdrawals while it investigates.\n"
)
