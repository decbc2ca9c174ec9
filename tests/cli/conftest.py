"""A wire whose store the command line under test opens, on SQLite and on PostgreSQL, and a way
to run `polywire` in this process (click's runner) against it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from review.conftest import wire_settings

from polywire.cli import main
from polywire.wire import Wire

Polywire = Callable[..., Result]


@pytest.fixture
def wire(tmp_path: Path, database_url: str) -> Iterator[Wire]:
    opened = Wire(wire_settings(tmp_path / "data", database_url))
    yield opened
    opened.close()


@pytest.fixture
def polywire(wire: Wire) -> Polywire:
    """`polywire ARGS…` on the wire's store; the result's output, stderr and exit code."""
    store = ["--data-dir", str(wire.settings.data_dir)]
    store += ["--database-url", wire.settings.resolved_database_url]
    env = {"POLYWIRE_PUBLISH__OUTBOUND__ALLOW_LOOPBACK": "true", "POLYWIRE_LANGUAGES": "[]"}

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, [*args, *store], env=env, catch_exceptions=False)

    return run
