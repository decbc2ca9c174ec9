"""`polywire jobs list|show|retry|requeue` on the store (SQLite and PostgreSQL) and through a
running wire's API: the stuck and the dead are listed, a dead job is retried, a stuck one is
requeued, and both then finish."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
from click.testing import CliRunner, Result
from helpers import free_port
from spine.samples import distinct_story

from cluster.processes import WireProcess
from polywire.cli import main
from polywire.config import load_settings
from polywire.services import StoryService
from polywire.wire import Wire


def jobs(*args: str) -> Result:
    return CliRunner().invoke(main, ["jobs", *args], catch_exceptions=False)


def dead_and_stuck(wire: Wire) -> tuple[int, int]:
    """Two classify jobs: one dead (its only attempt failed), one stuck (its worker vanished)."""
    StoryService(wire).submit(None, distinct_story(1), source="one.txt")
    StoryService(wire).submit(None, distinct_story(2), source="two.txt")

    async def go() -> tuple[int, int]:
        dead = await wire.queue.lease("w/0", ["classify"])
        assert dead is not None
        assert not await wire.queue.fail(dead, "RuntimeError: engine on fire")
        stuck = await wire.queue.lease("w/1", ["classify"])
        assert stuck is not None
        return dead.job_id, stuck.job_id

    ids = asyncio.run(go())
    time.sleep(0.1)  # the stuck job's lease (0.05 s) runs out
    return ids


def test_jobs_on_the_store(tmp_path: Path, database_url: str) -> None:
    settings = load_settings(
        data_dir=tmp_path,
        database_url=database_url,
        languages=[],
        jobs={"max_attempts": 1, "lease_seconds": 0.05},
    )
    wire = Wire(settings)
    dead, stuck = dead_and_stuck(wire)
    store = ["--database-url", database_url]

    listed = jobs("list", *store)
    assert listed.exit_code == 0
    assert "stuck" in listed.output and "engine on fire" in listed.output
    only_stuck = json.loads(jobs("list", "--stuck", "--json", *store).output)
    assert [job["id"] for job in only_stuck] == [stuck]
    assert only_stuck[0]["lease_owner"] == "w/1"
    only_dead = json.loads(jobs("list", "--state", "dead", "--json", *store).output)
    assert [(job["id"], job["last_error"]) for job in only_dead] == [
        (dead, "RuntimeError: engine on fire")
    ]
    shown = json.loads(jobs("show", str(dead), *store).output)
    assert (shown["kind"], shown["state"], shown["attempts"]) == ("classify", "dead", 1)

    refused = jobs("retry", str(stuck), *store)
    assert refused.exit_code == 2
    assert f"job {stuck}: it is leased, not dead: only a dead job is retried" in refused.output
    assert "no such job" in jobs("show", "999999", *store).output

    assert " ready " in jobs("retry", str(dead), *store).output
    assert " ready " in jobs("requeue", str(stuck), *store).output
    assert jobs("requeue", str(stuck), *store).exit_code == 0  # waiting: due now again

    asyncio.run(wire.worker().run_until_idle())
    done = json.loads(jobs("list", "--kind", "classify", "--json", *store).output)
    assert {job["id"]: job["state"] for job in done} == {dead: "done", stuck: "done"}
    assert "it is done: nothing to requeue" in jobs("requeue", str(dead), *store).output
    wire.close()


def test_jobs_through_the_api(
    tmp_path: Path, postgres_url: str, subprocess_env: dict[str, str], processes: list[WireProcess]
) -> None:
    settings = load_settings(
        data_dir=tmp_path,
        database_url=postgres_url,
        languages=[],
        jobs={"max_attempts": 1, "lease_seconds": 0.05},
    )
    wire = Wire(settings)
    dead, stuck = dead_and_stuck(wire)
    port = free_port()
    env = {**subprocess_env, "POLYWIRE_DATABASE_URL": postgres_url, "POLYWIRE_LANGUAGES": "[]"}
    serve = WireProcess(["serve", "--no-workers", "--port", str(port)], env)
    processes.append(serve)
    serve.wait_for("polywire serving on")
    api = ["--api", f"http://127.0.0.1:{port}"]

    stuck_jobs = json.loads(jobs("list", "--stuck", "--json", *api).output)
    assert [job["id"] for job in stuck_jobs] == [stuck]
    refused = jobs("requeue", str(dead), *api)
    assert refused.exit_code == 2
    assert "409" in refused.output and "retry gives a dead job more attempts" in refused.output
    assert " ready " in jobs("retry", str(dead), *api).output
    assert " ready " in jobs("requeue", str(stuck), *api).output
    missing = httpx.get(f"http://127.0.0.1:{port}/v1/jobs/999999")
    assert (missing.status_code, missing.json()["detail"]) == (404, "job 999999: no such job")
    wire.close()
