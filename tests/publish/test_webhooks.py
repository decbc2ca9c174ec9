"""Webhooks end to end: a real receiver on 127.0.0.1 verifies every delivery with the
`standardwebhooks` library, and some of its endpoints fail on purpose."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from standardwebhooks import Webhook

from polywire.config import Settings, load_settings
from polywire.publish.formats.ninjs import validate_ninjs
from polywire.services import StoryService
from polywire.store import deliveries as records
from polywire.store.publish_tables import destinations
from polywire.wire import Wire
from publish.flow import Flow, add_subscriber, webhook
from publish.receiver import Answer, Receiver

STORY = (
    "Acme opens a solar plant in Leeds\n\n"
    "LEEDS (Polywire) – Acme Ltd opened a solar plant in Leeds on Monday, creating 500 jobs.\n\n"
    "The plant will make 20,000 panels a year from 2027.\n"
).encode()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        publish={
            "outbound": {"allow_loopback": True},
            "webhook": {
                "retry_schedule_seconds": [0, 0.2, 0.2],
                "jitter": 0,
                "timeout_seconds": 3.0,
            },
        },
    )


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()


@pytest.fixture
async def flow(wire: Wire) -> AsyncIterator[Flow]:
    running = Flow(wire)
    yield running
    await running.close()


def verified(arrival_body: bytes, headers: dict[str, str], secret: str) -> dict[str, object]:
    document: dict[str, object] = Webhook(secret).verify(arrival_body, headers)
    return document


def delivery_of(wire: Wire, destination_id: str, story_id: str, version: int = 1) -> object:
    with wire.database.read() as conn:
        return records.find_delivery(conn, destination_id, story_id, version, "en")


async def test_every_subscriber_gets_a_signed_release_in_its_format(
    wire: Wire, flow: Flow, receiver: Receiver
) -> None:
    two = add_subscriber(wire, "ninjs 2", destinations=webhook(receiver.url("two")))
    three = add_subscriber(wire, "ninjs 3", destinations=webhook(receiver.url("three"), "ninjs3"))
    text = add_subscriber(wire, "text", destinations=webhook(receiver.url("text"), "text"))
    add_subscriber(
        wire, "finance only", sectors=["Finance"], destinations=webhook(receiver.url("finance"))
    )
    submitted = StoryService(wire).submit(None, STORY, source="story.txt", sectors=["Energy"])
    await flow.settle()

    assert receiver.at("finance") == []
    for subscriber, path, standard in ((two, "two", "2.1"), (three, "three", "3.0")):
        (arrival,) = receiver.at(path)
        message = verified(arrival.body, arrival.headers, str(subscriber["secret"]))
        assert message["type"] == "story.released"
        document = message["data"]
        assert isinstance(document, dict)
        validate_ninjs(document)
        assert document["standard"]["version"] == standard
        assert re.search(
            r"LEEDS, \w+ \d+ \(Polywire\) – Acme Ltd opened a solar plant",
            document["bodies"][0]["value"],
        )
        delivery = delivery_of(wire, subscriber["destinations"][0].id, submitted.story_id)
        assert arrival.headers["webhook-id"] == delivery.id
        assert delivery.status == "delivered"
        assert delivery.attempts == 1
        assert delivery.response_code == 200
    (plain,) = receiver.at("text")
    message = verified(plain.body, plain.headers, str(text["secret"]))
    assert re.match(
        r"Acme opens a solar plant in Leeds\n\nLEEDS, \w+ \d+ \(Polywire\)", message["data"]["text"]
    )


async def test_failing_endpoints_are_retried_disabled_or_waited_for(
    wire: Wire, flow: Flow, receiver: Receiver
) -> None:
    receiver.answer("flaky", Answer(500), Answer(500))
    receiver.answer("gone", Answer(410))
    receiver.answer("busy", Answer(429, {"retry-after": "1"}))
    receiver.answer("slow", Answer(delay=6))
    receiver.answer(
        "moved",
        Answer(302, {"location": receiver.url("elsewhere")}),
        Answer(302, {"location": receiver.url("elsewhere")}),
        Answer(302, {"location": receiver.url("elsewhere")}),
    )
    subscribers = {
        path: add_subscriber(wire, path, destinations=webhook(receiver.url(path)))
        for path in ("ok", "flaky", "gone", "busy", "slow", "moved")
    }
    submitted = StoryService(wire).submit(None, STORY, source="story.txt")
    await flow.settle()

    def delivery(path: str) -> object:
        return delivery_of(wire, subscribers[path]["destinations"][0].id, submitted.story_id)

    def attempts(path: str) -> list[records.Attempt]:
        with wire.database.read() as conn:
            return records.attempts_of(conn, delivery(path).id)

    assert (delivery("ok").status, delivery("ok").attempts) == ("delivered", 1)

    flaky = attempts("flaky")
    assert [a.response_code for a in flaky] == [500, 500, 200]
    assert delivery("flaky").status == "delivered"
    ids = {a.headers["webhook-id"] for a in receiver.at("flaky")}
    assert ids == {delivery("flaky").id}  # one idempotency key across retries
    for arrival in receiver.at("flaky"):
        verified(arrival.body, arrival.headers, str(subscribers["flaky"]["secret"]))

    assert [a.response_code for a in attempts("gone")] == [410]
    assert delivery("gone").status == "failed"
    with wire.database.read() as conn:
        from polywire.store import subscribers as store

        assert not store.get_destination(conn, subscribers["gone"]["destinations"][0].id).enabled

    busy = attempts("busy")
    assert [a.response_code for a in busy] == [429, 200]
    assert (busy[1].started - busy[0].started).total_seconds() >= 1.0

    slow = attempts("slow")
    assert "no complete answer within 3 s" in (slow[0].error or "")
    assert delivery("slow").status == "delivered"
    ok_arrival = receiver.at("ok")[0]
    assert ok_arrival.finished < receiver.at("slow")[0].finished  # not held up by the slow one

    moved = attempts("moved")
    assert [a.response_code for a in moved] == [302, 302, 302]
    assert "redirect" in (moved[0].error or "")
    assert delivery("moved").status == "failed"
    assert receiver.at("elsewhere") == []


async def test_nobody_gets_an_embargoed_story_early(
    wire: Wire, flow: Flow, receiver: Receiver
) -> None:
    add_subscriber(wire, "waiting", destinations=webhook(receiver.url("hook")))
    embargo = datetime.now(UTC) + timedelta(seconds=1.5)
    StoryService(wire).submit(None, STORY, source="story.txt", embargoed=embargo)
    await flow.settle()
    (arrival,) = receiver.at("hook")
    assert arrival.started >= embargo.timestamp()
    message = json.loads(arrival.body)
    assert message["data"]["embargoed"] == embargo.isoformat().replace("+00:00", "Z")


async def test_a_rotated_secret_signs_beside_the_old_one(
    wire: Wire, flow: Flow, receiver: Receiver
) -> None:
    from polywire.store import subscribers as store

    subscriber = add_subscriber(wire, "rotating", destinations=webhook(receiver.url("hook")))
    destination_id = subscriber["destinations"][0].id
    with wire.database.write() as conn:
        new_secret = store.rotate_secret(conn, destination_id, timedelta(hours=1))
    StoryService(wire).submit(None, STORY, source="story.txt")
    await flow.settle()
    (arrival,) = receiver.at("hook")
    assert len(arrival.headers["webhook-signature"].split(" ")) == 2
    verified(arrival.body, arrival.headers, str(subscriber["secret"]))
    verified(arrival.body, arrival.headers, new_secret)


async def test_an_endpoint_failing_for_days_is_disabled(
    wire: Wire, flow: Flow, receiver: Receiver
) -> None:
    from sqlalchemy import update

    from polywire.store import subscribers as store
    from polywire.store.publish_tables import destinations

    receiver.answer("dead", Answer(500))
    subscriber = add_subscriber(wire, "dead", destinations=webhook(receiver.url("dead")))
    destination_id = subscriber["destinations"][0].id
    with wire.database.write() as conn:
        six_days_ago = datetime.now(UTC) - timedelta(days=6)
        conn.execute(
            update(destinations)
            .where(destinations.c.id == destination_id)
            .values(failing_since=six_days_ago)
        )
    submitted = StoryService(wire).submit(None, STORY, source="story.txt")
    await flow.settle()
    assert len(receiver.at("dead")) == 1  # disabled after this failure: no retry
    with wire.database.read() as conn:
        assert not store.get_destination(conn, destination_id).enabled
        reason = store.destination_state(conn, destination_id, datetime.now(UTC)).disabled_reason
        delivery = records.find_delivery(conn, destination_id, submitted.story_id, 1, "en")
    assert reason is not None and reason.startswith("failing since")
    assert delivery.status == "failed"


def test_retry_after_is_read_as_seconds_or_a_date() -> None:
    from polywire.publish.deliver.channels.webhook import retry_after_seconds

    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds("Wed, 25 Nov 2026 12:05:00 GMT", now) == 300.0
    assert retry_after_seconds("Wed, 25 Nov 2026 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None


def test_the_retry_schedule_is_jittered_and_retry_after_capped(wire: Wire) -> None:
    import random

    from polywire.publish.deliver.stages import DeliverStage

    settings = wire.settings.model_copy(deep=True)
    settings.publish.webhook.jitter = 0.1
    settings.publish.webhook.max_retry_after_seconds = 60
    stage = DeliverStage(wire.database, settings, {}, rng=random.Random(1))
    delays = [stage.next_delay(300, None) for _ in range(200)]
    assert all(270 <= d <= 330 for d in delays)
    assert len(set(delays)) > 100
    assert stage.next_delay(300, 5) == 5
    assert stage.next_delay(300, 3600) == 60


async def test_a_batching_worker_records_each_of_many_deliveries(
    wire: Wire, receiver: Receiver
) -> None:
    """Deliveries leased, read and recorded in groups: every one still signed, sent once and
    recorded on its own; a failing endpoint among them is retried and its health tracked."""
    good = [
        add_subscriber(wire, f"outlet {i}", destinations=webhook(receiver.url(f"e{i}")))
        for i in range(30)
    ]
    broken = add_subscriber(wire, "broken", destinations=webhook(receiver.url("broken")))
    flaky = add_subscriber(wire, "flaky", destinations=webhook(receiver.url("flaky")))
    receiver.answer("broken", Answer(500), Answer(500), Answer(500))
    receiver.answer("flaky", Answer(503))
    flow = Flow(wire, concurrency=16, batch=8)
    reads = flow.stages.deliver.reads
    read_all, sizes = reads._read_all, []

    def counted(keys: list[tuple[str, str, int, str]], now: datetime) -> object:
        sizes.append(len(keys))
        return read_all(keys, now)

    reads._read_all = counted  # type: ignore[assignment,method-assign]
    try:
        submitted = StoryService(wire).submit(None, STORY, source="story.txt")
        await flow.settle()
    finally:
        await flow.close()

    for i, subscriber in enumerate(good):
        (arrival,) = receiver.at(f"e{i}")
        verified(arrival.body, arrival.headers, subscriber["secret"])
        delivery = delivery_of(wire, subscriber["destinations"][0].id, submitted.story_id)
        assert (delivery.status, delivery.attempts) == ("delivered", 1)  # type: ignore[attr-defined]
        assert delivery.response_code == 200  # type: ignore[attr-defined]
    failed = delivery_of(wire, broken["destinations"][0].id, submitted.story_id)
    assert (failed.status, failed.attempts) == ("failed", 3)  # type: ignore[attr-defined]
    assert len(receiver.at("broken")) == 3
    assert max(sizes) > 1 and len(sizes) < 36  # attempts started together were read together
    recovered = delivery_of(wire, flaky["destinations"][0].id, submitted.story_id)
    assert (recovered.status, recovered.attempts) == ("delivered", 2)  # type: ignore[attr-defined]
    with wire.database.read() as conn:
        assert len(records.attempts_of(conn, failed.id)) == 3  # type: ignore[attr-defined]
        failing = dict(conn.execute(select(destinations.c.id, destinations.c.failing_since)).all())
    assert failing.pop(broken["destinations"][0].id) is not None
    assert set(failing.values()) == {None}  # the flaky one too: its success cleared it
