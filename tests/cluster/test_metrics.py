"""`/metrics` in the Prometheus text format on SQLite and PostgreSQL: jobs by kind and state,
stage durations, deliveries by channel and status, the event log, workers seen; who may read it;
the desk's health page shows the same numbers."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from helpers import free_port
from newsroom.conftest import PASSWORD, sign_in
from prometheus_client.parser import text_string_to_metric_families
from spine.samples import distinct_story

from polywire.config import Settings, load_settings
from polywire.domain import Role
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store import accounts
from polywire.store import subscribers as subscriber_store
from polywire.web.app import create_app
from polywire.wire import Wire


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        languages=[],
        publish={"outbound": {"allow_loopback": True}, "retry_schedule_seconds": [3600.0]},
        cluster={"metrics_token": "scrape-me"},
    )


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def run_all(wire: Wire) -> None:
    async def both() -> None:
        for _ in range(3):  # stories, then their deliveries, then what those enqueued
            await wire.worker().run_until_idle()
            await wire.pipeline.delivery_worker(wire.queue).run_until_idle()

    asyncio.run(both())


def test_metrics_count_jobs_stages_and_deliveries(wire: Wire) -> None:
    spec = parse_spec(
        {
            "name": "Down desk",
            "languages": ["en"],
            "destinations": [
                {
                    "channel": "webhook",
                    "format": "ninjs2",
                    "address": f"http://127.0.0.1:{free_port()}/hook",
                }
            ],
        }
    )
    with wire.database.write() as conn:
        subscriber_store.add_subscriber(conn, spec)
    StoryService(wire).submit(None, distinct_story(1), source="one.txt")
    run_all(wire)

    with wire.database.write() as conn:
        accounts.add_user(conn, "ada", PASSWORD, Role.ADMIN, None)
    with TestClient(create_app(wire)) as client:
        refused = client.get("/metrics")
        assert refused.status_code == 401
        assert "cluster.metrics_token" in refused.json()["detail"]
        answer = client.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
        sign_in(client, "ada")
        health = client.get("/desk/health").text
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=")
    found = samples(answer.text)
    assert found[("polywire_jobs", (("kind", "classify"), ("state", "done")))] == 1
    assert found[("polywire_event_log_last_seq", ())] >= 1
    assert found[("polywire_workers_seen", ())] == 0
    assert found[("polywire_stream_connections", ())] == 0
    webhook = {
        labels: value
        for (name, labels), value in found.items()
        if name == "polywire_deliveries" and ("channel", "webhook") in labels
    }
    assert webhook == {(("channel", "webhook"), ("status", "pending")): 1}  # tried, to retry
    stage = ("polywire_stage_duration_seconds_count", (("kind", "classify"), ("outcome", "done")))
    assert found[stage] >= 1
    # the desk's health page shows the same numbers
    fleet = health.split("<h2>Fleet</h2>")[1].split("</section>")[0]
    assert '<span class="pill">done 1</span>' in fleet.split("<td>classify</td>")[1]
    assert '<span class="pill">pending 1</span>' in fleet.split("<td>webhook</td>")[1]


async def test_metrics_answer_loopback_without_a_token(tmp_path: Path) -> None:
    wire = Wire(load_settings(data_dir=tmp_path, languages=[]))
    app = create_app(wire)
    near = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
    far = httpx.ASGITransport(app=app, client=("192.0.2.7", 40000))
    async with httpx.AsyncClient(transport=near, base_url="http://testserver") as client:
        assert (await client.get("/metrics")).status_code == 200
    async with httpx.AsyncClient(transport=far, base_url="http://testserver") as client:
        refused = await client.get("/metrics")
    assert refused.status_code == 403
    assert "POLYWIRE_CLUSTER__METRICS_TOKEN" in refused.json()["detail"]
    wire.close()
