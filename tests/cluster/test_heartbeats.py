"""Workers report heartbeats the API reads: `/readyz` names the workers seen within
`cluster.seen_within_seconds`; a worker that stops leaves the fleet. A process whose shared
settings differ from a running process's refuses to start, naming the setting."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cluster.processes import WireProcess
from polywire.config import load_settings
from polywire.web.app import create_app
from polywire.wire import Wire


@pytest.fixture
def env(subprocess_env: dict[str, str], database_url: str) -> dict[str, str]:
    return {
        **subprocess_env,
        "POLYWIRE_DATABASE_URL": database_url,
        "POLYWIRE_LANGUAGES": "[]",
        "POLYWIRE_CLUSTER__HEARTBEAT_SECONDS": "0.2",
    }


def test_readyz_names_the_workers_seen_and_forgets_one_that_stopped(
    env: dict[str, str], database_url: str, tmp_path: Path, processes: list[WireProcess]
) -> None:
    wire = Wire(load_settings(data_dir=tmp_path, database_url=database_url, languages=[]))
    with TestClient(create_app(wire)) as client:
        assert client.get("/readyz").json()["workers"] == {
            "seen_within_seconds": 30.0,
            "count": 0,
            "names": [],
        }
        worker = WireProcess(["worker"], env)
        processes.append(worker)
        worker.wait_for("polywire worker started")
        seen = client.get("/readyz").json()["workers"]
        assert seen["count"] == 1
        (name,) = seen["names"]
        assert name.endswith(f":{worker.process.pid}")

        assert worker.terminate() == 0
        assert client.get("/readyz").json()["workers"]["count"] == 0
    wire.close()


def test_a_process_whose_shared_settings_differ_refuses_to_start(
    env: dict[str, str], processes: list[WireProcess]
) -> None:
    first = WireProcess(["worker"], {**env, "POLYWIRE_JOBS__LEASE_SECONDS": "60"})
    processes.append(first)
    first.wait_for("polywire worker started")

    second = WireProcess(["worker"], {**env, "POLYWIRE_JOBS__LEASE_SECONDS": "20"})
    processes.append(second)
    assert second.process.wait(timeout=60) == 2
    message = second.wait_for("polywire: error:")
    assert "jobs.lease_seconds" in message
    assert f"(unlike worker {socket.gethostname()}:{first.process.pid})" in message

    same = WireProcess(["worker"], {**env, "POLYWIRE_JOBS__LEASE_SECONDS": "60"})
    processes.append(same)
    same.wait_for("polywire worker started")
