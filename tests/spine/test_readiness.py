"""`/readyz` tells the truth: 503 problem+json naming what is wrong while the database or the
job bus is away, 200 again once it is back; `/healthz` only says the process is alive.

Found: every process logged "connection closed" while `/healthz` said ok."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from polywire.config import load_settings
from polywire.web.app import create_app
from polywire.wire import Wire
from spine.own_nats import OwnNats

pytestmark = pytest.mark.postgres


def until(ask: Callable[[], Any], within: float = 15) -> Any:
    """Ask again until the answer is truthy (the process notices a fault by itself)."""
    deadline = time.monotonic() + within
    while not (answer := ask()):
        assert time.monotonic() < deadline, f"no answer within {within} s"
        time.sleep(0.05)
    return answer


def test_ready_until_the_database_goes_away(tmp_path: Path, postgres_url: str) -> None:
    wire = Wire(load_settings(data_dir=tmp_path, database_url=postgres_url, languages=[]))
    with TestClient(create_app(wire)) as client:
        ready = client.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {
            "status": "ready",
            "database": "ok",
            "bus": "sql",
            "event_log_lag": 0,
            "workers": {"seen_within_seconds": 30.0, "count": 0, "names": []},
        }
        admin = create_engine(
            postgres_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{postgres_url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        admin.dispose()
        gone = client.get("/readyz")
        assert gone.status_code == 503
        assert gone.headers["content-type"] == "application/problem+json"
        (problem,) = gone.json()["problems"]
        assert problem.startswith("the database at postgresql+psycopg://postgres@127.0.0.1")
        assert client.get("/healthz").status_code == 200
    wire.close()


@pytest.mark.nats
def test_not_ready_while_the_job_bus_is_away(
    tmp_path: Path, postgres_url: str, own_nats: OwnNats
) -> None:
    settings = load_settings(
        data_dir=tmp_path,
        database_url=postgres_url,
        languages=[],
        bus="nats",
        nats_url=own_nats.url,
        nats_prefix="ready",
        jobs={"nats_reconnect_seconds": 0.05},
    )
    wire = Wire(settings)
    with TestClient(create_app(wire)) as client:
        assert client.get("/readyz").json()["status"] == "ready"
        own_nats.stop()
        away = until(lambda: (r := client.get("/readyz")).status_code == 503 and r)
        assert away.headers["content-type"] == "application/problem+json"
        assert away.json()["problems"] == [
            f"disconnected from the job bus at {own_nats.url}; reconnecting"
        ]
        own_nats.start()
        until(lambda: client.get("/readyz").status_code == 200)
        client.portal.call(wire.queue.close)
    wire.close()
