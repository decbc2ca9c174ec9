"""Corrections and withdrawals reach everyone who got the original; replays; the report."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from standardwebhooks import Webhook

from polywire.publish.formats.ninjs import validate_ninjs
from polywire.services import StoryService
from polywire.store import deliveries as records
from polywire.wire import Wire
from publish.conftest import publish_app
from publish.flow import Flow, add_subscriber, webhook
from publish.receiver import Answer, Receiver
from publish.test_webhooks import STORY, settings, wire  # noqa: F401  (fixtures)

CORRECTED = STORY.replace(b"500 jobs", b"550 jobs")


@pytest.fixture
async def flow(wire: Wire) -> AsyncIterator[Flow]:  # noqa: F811
    running = Flow(wire)
    yield running
    await running.close()


@pytest.fixture
def client(wire: Wire) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(publish_app(wire)) as test_client:
        yield test_client


def messages(receiver: Receiver, path: str, secret: str) -> list[dict[str, object]]:
    return [Webhook(secret).verify(a.body, a.headers) for a in receiver.at(path)]


async def test_correction_and_withdrawal_reach_everyone_who_got_the_story(
    wire: Wire,  # noqa: F811
    flow: Flow,
    receiver: Receiver,
    client: TestClient,
) -> None:
    energy = add_subscriber(
        wire, "energy", sectors=["Energy"], destinations=webhook(receiver.url("energy"))
    )
    anyone = add_subscriber(wire, "anyone", destinations=webhook(receiver.url("anyone"), "ninjs3"))
    finance = add_subscriber(
        wire, "finance", sectors=["Finance"], destinations=webhook(receiver.url("finance"))
    )
    first = StoryService(wire).submit(None, STORY, source="story.txt", sectors=["Energy"])
    await flow.settle()
    assert receiver.at("finance") == []

    # The correction is filed under another sector: the energy desk got the original, so it
    # gets the correction too; the finance desk now matches and gets it as well.
    StoryService(wire).submit(
        None,
        CORRECTED,
        source="story.txt",
        sectors=["Finance"],
        update_of=first.story_id,
        correction_reason="550 jobs, not 500",
    )
    await flow.settle()
    response = client.post(
        f"/v1/stories/{first.story_id}/withdraw", json={"reason": "published in error"}
    )
    assert response.status_code == 202, response.text
    assert response.json()["version"] == 3
    await flow.settle()

    energy_got = messages(receiver, "energy", str(energy["secret"]))
    assert [m["type"] for m in energy_got] == [
        "story.released",
        "story.corrected",
        "story.withdrawn",
    ]
    corrected = energy_got[1]["data"]
    assert isinstance(corrected, dict)
    assert corrected["version"] == "2"
    assert (
        corrected["ednote"]
        == "Correction: this version replaces an earlier one. Reason: 550 jobs, not 500"
    )
    assert "550 jobs" in corrected["bodies"][0]["value"]
    withdrawn = energy_got[2]["data"]
    assert isinstance(withdrawn, dict)
    validate_ninjs(withdrawn)
    assert withdrawn["pubstatus"] == "canceled"
    assert "Withdrawn: demo has withdrawn this story" in withdrawn["bodies"][0]["value"]

    anyone_got = messages(receiver, "anyone", str(anyone["secret"]))
    assert [m["type"] for m in anyone_got] == [
        "story.released",
        "story.corrected",
        "story.withdrawn",
    ]
    assert anyone_got[2]["data"]["pubStatus"] == "canceled"  # type: ignore[index]
    finance_got = messages(receiver, "finance", str(finance["secret"]))
    assert [m["type"] for m in finance_got] == ["story.corrected", "story.withdrawn"]

    again = client.post(f"/v1/stories/{first.story_id}/withdraw", json={"reason": "twice"})
    assert again.status_code == 422
    assert "already withdrawn" in again.json()["detail"]

    report = client.get(f"/v1/stories/{first.story_id}/report").json()
    lines = {(line["version"], line["channel"]): line for line in report["lines"]}
    assert set(lines) == {(1, "webhook"), (2, "webhook"), (3, "webhook")}
    assert (lines[1, "webhook"]["targeted"], lines[1, "webhook"]["delivered"]) == (2, 2)
    assert (lines[3, "webhook"]["targeted"], lines[3, "webhook"]["delivered"]) == (3, 3)
    line = lines[1, "webhook"]
    assert (
        0 <= line["release_to_first_delivery_seconds"] <= line["release_to_last_delivery_seconds"]
    )
    assert client.get("/v1/stories/nope/report").status_code == 404


async def test_replay_one_delivery_or_everything_since(
    wire: Wire,  # noqa: F811
    flow: Flow,
    receiver: Receiver,
    client: TestClient,
) -> None:
    receiver.answer("hook", Answer(500), Answer(500), Answer(500))
    subscriber = add_subscriber(wire, "down", destinations=webhook(receiver.url("hook")))
    destination_id = subscriber["destinations"][0].id
    submitted = StoryService(wire).submit(None, STORY, source="story.txt")
    await flow.settle()
    with wire.database.read() as conn:
        delivery = records.find_delivery(conn, destination_id, submitted.story_id, 1, "en")
    assert (delivery.status, delivery.attempts) == ("failed", 3)

    replayed = client.post(f"/v1/deliveries/{delivery.id}/replay")
    assert replayed.json() == {"replayed": [delivery.id]}
    await flow.settle()
    with wire.database.read() as conn:
        delivery = records.get_delivery(conn, delivery.id)
    assert (delivery.status, delivery.attempts) == ("delivered", 4)

    since = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    again = client.post(f"/v1/destinations/{destination_id}/replay", params={"since": since})
    assert again.json() == {"replayed": [delivery.id]}
    await flow.settle()
    ids = [a.headers["webhook-id"] for a in receiver.at("hook")]
    assert ids == [delivery.id] * 5  # the same idempotency key every time
    assert receiver.at("hook")[-1].status == 200

    future = client.post(
        f"/v1/destinations/{destination_id}/replay", params={"since": "2999-01-01T00:00:00Z"}
    )
    assert future.json() == {"replayed": []}
    naive = client.post(
        f"/v1/destinations/{destination_id}/replay", params={"since": "2026-01-01T00:00:00"}
    )
    assert naive.status_code == 422


def test_cli_report_and_withdraw(subprocess_env: dict[str, str]) -> None:
    def polywire(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "polywire", *args],
            env=subprocess_env,
            input=stdin,
            capture_output=True,
        )

    submitted = polywire("submit", "-", stdin=STORY)
    assert submitted.returncode == 0, submitted.stderr
    story_id = submitted.stdout.decode().strip()
    report = polywire("report", story_id)
    assert report.stdout.decode().strip() == f"{story_id}: no deliveries (yet)"
    assert json.loads(polywire("report", story_id, "--json").stdout)["lines"] == []

    withdrawn = polywire("withdraw", story_id, "--reason", "wrong client")
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert withdrawn.stdout.decode().strip() == f"{story_id} withdrawn as version 2"
    shown = json.loads(polywire("show", story_id, "--json").stdout)
    assert shown["versions"][1]["pubstatus"] == "canceled"

    unknown = polywire("report", "nope")
    assert unknown.returncode == 2
    assert b"no such story" in unknown.stderr
    bad = polywire("deliveries", "replay")
    assert bad.returncode == 2
    assert b"give a DELIVERY_ID, or --destination and --since" in bad.stderr
