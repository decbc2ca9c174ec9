"""Fixtures shared by every area: stores on SQLite and on the machine's PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import require_service
from sqlalchemy import create_engine, text

PG_ADMIN_URL = os.environ.get(
    "POLYWIRE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
SRC = str(Path(__file__).resolve().parents[1] / "src")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    require_service("PostgreSQL", "127.0.0.1", 5432)
    name = f"polywire_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on SQLite (the embedded default) and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'polywire.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def subprocess_env(tmp_path: Path) -> dict[str, str]:
    """Environment for running `python -m polywire` in a subprocess against a temp data dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLYWIRE_")}
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    env["POLYWIRE_DATA_DIR"] = str(tmp_path / "data")
    env["POLYWIRE_REQUIRE_SERVICES"] = os.environ.get("POLYWIRE_REQUIRE_SERVICES", "")
    return env


@pytest.fixture(autouse=True)
def test_client_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app answers only its own host names: allow the ones test clients send (`testserver`
    from Starlette's TestClient, `wire.test` from httpx's ASGI transport in tests/deliver)."""
    monkeypatch.setenv("POLYWIRE_HTTP__ALLOWED_HOSTS", "testserver,wire.test")
