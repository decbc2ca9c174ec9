"""Removing a destination from a subscriber: never targeted again, what was pending for it fails
("destination removed"), gone from the listings, its past deliveries kept; over the API, the
command line, and on a database created before the `removed` column (migration 0007)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy import Connection, inspect, select, text

from polywire.config import Settings
from polywire.publish.subscribers import parse_edit, parse_spec
from polywire.services import StoryService
from polywire.store import deliveries as records
from polywire.store import subscribers as store
from polywire.store.db import Database
from polywire.store.migrate import alembic_config
from polywire.store.tables import jobs
from polywire.wire import Wire
from publish.receiver import Answer, Receiver

LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
FIRST = (
    "Acme opens a solar plant in Leeds\n\n"
    "LEEDS (Polywire) – Acme Ltd opened a solar plant in Leeds on Monday, creating 500 jobs.\n\n"
    "The plant will make 20,000 panels a year from 2027.\n"
).encode()
SECOND = (
    "Northwind builds a wind farm off Aberdeen\n\n"
    "ABERDEEN (Polywire) – Northwind Energy will build forty turbines off Aberdeen, the company "
    "said on Tuesday.\n\nThe farm is to power 300,000 homes from 2029.\n"
).encode()


def report_line(client: TestClient, story_id: str) -> dict[str, Any]:
    [line] = client.get(f"/v1/stories/{story_id}/report").json()["lines"]
    return {k: line[k] for k in ("targeted", "delivered", "pending", "failed")}


async def test_a_removed_destination_gets_nothing_more_and_keeps_its_history(
    wire: Wire, client: TestClient, receiver: Receiver
) -> None:
    receiver.answer("failing", Answer(500))
    created = client.post(
        "/v1/subscribers",
        json={
            "name": "Leeds desk",
            "languages": ["en"],
            "destinations": [
                {"channel": "webhook", "address": receiver.url(path)}
                for path in ("kept", "dropped", "failing")
            ],
        },
    ).json()
    kept, dropped, failing = (d["id"] for d in created["destinations"])
    first = StoryService(wire).submit(None, FIRST, source="solar.txt", languages=[]).story_id
    await wire.worker().run_until_idle()
    assert [len(receiver.at(p)) for p in ("kept", "dropped", "failing")] == [1, 1, 1]
    assert report_line(client, first) == {"targeted": 3, "delivered": 2, "pending": 1, "failed": 0}

    path = f"/v1/subscribers/{created['id']}"
    edited = client.patch(path, json={"remove_destinations": [dropped, f" {failing} "]})
    assert edited.status_code == 200, edited.text
    assert [d["id"] for d in edited.json()["destinations"]] == [kept]
    assert [d["id"] for d in client.get(path).json()["destinations"]] == [kept]
    [listed] = client.get("/v1/subscribers").json()["subscribers"]
    assert [d["id"] for d in listed["destinations"]] == [kept]

    # The retry that was due for the failing endpoint ends now, and its job is never run.
    assert report_line(client, first) == {"targeted": 3, "delivered": 2, "pending": 0, "failed": 1}
    with wire.database.read() as conn:
        [ended] = records.deliveries_since(conn, failing, LONG_AGO)
        queued = conn.execute(
            select(jobs.c.state, jobs.c.last_error).where(jobs.c.key.like(f"deliver:{failing}:%"))
        ).all()
    assert (ended.status, ended.error) == ("failed", "destination removed")
    assert ("discarded", "destination removed") in queued
    assert not {state for state, _ in queued} & {"ready", "leased", "relayed"}

    second = StoryService(wire).submit(None, SECOND, source="wind.txt", languages=[]).story_id
    await wire.worker().run_until_idle()
    assert [len(receiver.at(p)) for p in ("kept", "dropped", "failing")] == [2, 1, 1]
    assert report_line(client, second) == {"targeted": 1, "delivered": 1, "pending": 0, "failed": 0}

    # The history stays: in the first story's report (above) and the destination's deliveries.
    with wire.database.read() as conn:
        [delivered] = records.deliveries_since(conn, dropped, LONG_AGO)
        assert store.get_destination(conn, dropped).removed is not None
    assert (delivered.story_id, delivered.status) == (first, "delivered")
    refused = client.post(f"/v1/deliveries/{delivered.id}/replay")
    assert refused.status_code == 422
    assert f"{dropped!r} was removed" in refused.json()["detail"]
    since = client.post(f"/v1/destinations/{dropped}/replay", params={"since": "2020-01-01T00:00Z"})
    assert since.status_code == 422 and "was removed" in since.json()["detail"], since.text


def test_bad_removals_are_refused_and_change_nothing(client: TestClient) -> None:
    def add(name: str) -> dict[str, Any]:
        return client.post(
            "/v1/subscribers",
            json={"name": name, "languages": ["fr"], "destinations": [{"channel": "feed"}]},
        ).json()

    mine, other = add("Mine"), add("Other")
    path = f"/v1/subscribers/{mine['id']}"
    only = mine["destinations"][0]["id"]
    foreign = other["destinations"][0]["id"]
    for body, detail in (
        ({"remove_destinations": ["nope"]}, "remove_destinations.0: 'nope' is not a destination"),
        ({"remove_destinations": [foreign]}, f"{foreign!r} is not a destination of subscriber"),
        ({"remove_destinations": [only]}, "a subscriber keeps at least one destination"),
        ({"remove_destinations": [" "]}, "remove_destinations.0: the destination id is empty"),
        ({"remove_destinations": "nope"}, "edit.remove_destinations: Input should be a valid list"),
    ):
        answer = client.patch(path, json=body)
        assert answer.status_code == 422, body
        assert detail in answer.json()["detail"], answer.json()
    assert client.get(path).json()["destinations"] == mine["destinations"]
    # Replacing the last destination in one edit is fine.
    swapped = client.patch(
        path, json={"remove_destinations": [only], "add_destinations": [{"channel": "stream"}]}
    ).json()
    assert [d["channel"] for d in swapped["destinations"]] == ["stream"]
    again = client.patch(path, json={"remove_destinations": [only]})
    assert again.status_code == 422 and "is not a destination" in again.json()["detail"]


def polywire(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args], env=env, capture_output=True, text=True
    )


def test_cli_remove_destination(subprocess_env: dict[str, str], database_url: str) -> None:
    store_options = ("--database-url", database_url)
    added = polywire(subprocess_env, "subscribers", "add", "Desk", "--language", "de",
                     "--destination", "feed", "--destination", "email:desk@news.example",
                     "--json", *store_options)  # fmt: skip
    assert added.returncode == 0, added.stderr
    created = json.loads(added.stdout)
    feed, email = (d["id"] for d in created["destinations"])

    edited = polywire(subprocess_env, "subscribers", "edit", created["id"],
                      "--remove-destination", email, "--json", *store_options)  # fmt: skip
    assert edited.returncode == 0, edited.stderr
    assert [d["id"] for d in json.loads(edited.stdout)["destinations"]] == [feed]
    listed = polywire(subprocess_env, "subscribers", "list", *store_options)
    assert feed in listed.stdout and email not in listed.stdout

    refused = polywire(subprocess_env, "subscribers", "edit", created["id"],
                       "--remove-destination", feed, *store_options)  # fmt: skip
    assert refused.returncode == 2
    assert "keeps at least one destination" in refused.stderr, refused.stderr


def test_a_database_from_before_0007_is_upgraded_and_keeps_its_destinations(
    settings: Settings,
) -> None:
    database = Database(settings.database_url or "")
    config = alembic_config(database)
    heads = ScriptDirectory.from_config(config).get_heads()
    assert "0007" in heads
    with database.write() as conn:
        config.attributes["connection"] = conn
        for head in heads:
            if head != "0007":
                command.upgrade(config, head)
    with database.write() as conn:
        conn.execute(
            text(
                "INSERT INTO subscribers (id, name, kind, token_hash, languages, sectors, topics,"
                " regions, keywords, created) VALUES ('s1', 'Old desk', 'outlet', 'h', '[\"en\"]',"
                " '[]', '[]', '[]', '[]', CURRENT_TIMESTAMP)"
            )
        )
        for position, (destination_id, channel) in enumerate((("d1", "feed"), ("d2", "stream"))):
            conn.execute(
                text(
                    "INSERT INTO destinations (id, subscriber_id, position, channel, format,"
                    " address, enabled, created) VALUES (:id, 's1', :position, :channel, 'json',"
                    " '', TRUE, CURRENT_TIMESTAMP)"
                ),
                {"id": destination_id, "position": position, "channel": channel},
            )
        columns = _columns(conn, "destinations")
    assert "removed" not in columns
    database.dispose()

    wire = Wire(settings)  # opening the wire brings the store to every head
    try:
        with wire.database.write() as conn:
            assert "removed" in _columns(conn, "destinations")
            subscriber = store.get_subscriber(conn, "s1")
            assert [d.id for d in subscriber.destinations] == ["d1", "d2"]
            assert all(d.removed is None for d in subscriber.destinations)
            edited, _ = store.edit_subscriber(
                conn, "s1", parse_edit({"remove_destinations": ["d1"]})
            )
        assert [d.id for d in edited.destinations] == ["d2"]
        with wire.database.read() as conn:
            assert store.get_destination(conn, "d1").removed is not None
    finally:
        wire.close()


def _columns(conn: Connection, table: str) -> set[str]:
    return {column["name"] for column in inspect(conn).get_columns(table)}


def test_destinations_added_after_a_removal_come_last(wire: Wire) -> None:
    spec = parse_spec(
        {
            "name": "desk",
            "languages": ["en"],
            "destinations": [{"channel": "feed"}, {"channel": "stream"}],
        }
    )
    with wire.database.write() as conn:
        subscriber, _ = store.add_subscriber(conn, spec)
        feed = subscriber.destinations[0].id
        edited, _ = store.edit_subscriber(
            conn,
            subscriber.id,
            parse_edit(
                {
                    "remove_destinations": [feed],
                    "add_destinations": [{"channel": "feed", "format": "atom"}],
                }
            ),
        )
    assert [(d.channel, d.format) for d in edited.destinations] == [
        ("stream", "json"),
        ("feed", "atom"),
    ]
