"""Subscribers over the command line and the HTTP API: add, edit, list, remove, bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from polywire.domain import BadInput
from polywire.publish.subscribers import parse_destination, parse_edit, parse_spec
from polywire.services import StoryService
from polywire.store.db import IN_LIMIT
from polywire.wire import Wire
from publish.flow import Flow
from publish.receiver import Receiver


def polywire(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args], env=env, capture_output=True, text=True
    )


def test_cli_add_list_remove(subprocess_env: dict[str, str]) -> None:
    added = polywire(
        subprocess_env,
        "subscribers", "add", "Der Anzeiger", "--language", "de", "--language", "zh-hans",
        "--sector", "Energy", "--topic", "04000000", "--region", "de", "--keyword", "Solar Power",
        "--destination", "webhook:ninjs3:https://news.example/hook",
        "--destination", "email:desk@news.example", "--destination", "feed:atom", "--json",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    created = json.loads(added.stdout)
    assert created["languages"] == ["de", "zh-Hans"]
    assert created["topics"] == ["medtop:04000000"]
    assert created["regions"] == ["DE"]
    assert created["keywords"] == ["solar power"]
    webhook, email, feed = created["destinations"]
    assert (webhook["channel"], webhook["format"]) == ("webhook", "ninjs3")
    assert webhook["secret"].startswith("whsec_")
    assert (email["format"], email["address"]) == ("email", "desk@news.example")
    assert (feed["channel"], feed["format"], feed["address"]) == ("feed", "atom", "")
    assert created["token"]

    listed = json.loads(polywire(subprocess_env, "subscribers", "list", "--json").stdout)
    assert [s["id"] for s in listed["subscribers"]] == [created["id"]]
    assert "secret" not in listed["subscribers"][0]["destinations"][0]
    assert "token" not in listed["subscribers"][0]

    rotated = polywire(subprocess_env, "subscribers", "rotate-secret", webhook["id"])
    assert rotated.returncode == 0, rotated.stderr
    assert rotated.stdout.strip().startswith("whsec_")
    assert rotated.stdout.strip() != webhook["secret"]

    removed = polywire(subprocess_env, "subscribers", "remove", created["id"])
    assert removed.returncode == 0, removed.stderr
    text = polywire(subprocess_env, "subscribers", "list").stdout
    assert "no subscribers yet" in text


def test_cli_bad_input_names_the_problem(subprocess_env: dict[str, str]) -> None:
    result = polywire(subprocess_env, "subscribers", "add", "X", "--language", "xx",
                      "--destination", "feed")  # fmt: skip
    assert result.returncode == 2
    assert "polywire: error: languages.0 xx: not a BCP 47 language tag" in result.stderr
    assert "no subscribers yet" in polywire(subprocess_env, "subscribers", "list").stdout
    missing = polywire(subprocess_env, "subscribers", "remove", "nope")
    assert missing.returncode == 2
    assert "no such subscriber" in missing.stderr


@pytest.mark.parametrize(
    ("wants", "message"),
    [
        ({"languages": ["xx"]}, "xx: not a BCP 47 language tag"),
        ({"destinations": ["pigeon"]}, "unknown channel 'pigeon'"),
        ({"destinations": ["feed:ninjs2"]}, "a feed destination carries rss, atom, jsonfeed"),
        ({"destinations": ["webhook:ftp://x"]}, "is not an http(s) URL"),
        ({"destinations": ["email:nobody"]}, "is not an e-mail address"),
        ({"destinations": ["stream:json:somewhere"]}, "a stream destination takes no address"),
        ({"regions": ["XX"]}, "unknown country 'XX'"),
        ({"topics": ["sport"]}, "is not an IPTC Media Topic code"),
        ({"topics": ["medtop:99999999"]}, "medtop:99999999: no such IPTC Media Topic"),
        ({"keywords": ["one two three four"]}, "a keyword is at most 3 words"),
    ],
)
def test_bad_subscribers_are_refused_with_the_field_named(
    wants: dict[str, list[str]], message: str
) -> None:
    document: dict[str, object] = {"name": "X", "languages": ["en"], "destinations": ["feed"]}
    document.update(wants)
    document["destinations"] = [
        parse_destination(d).model_dump()
        for d in document["destinations"]  # type: ignore[attr-defined]
    ]
    with pytest.raises(BadInput, match=re.escape(message)):
        parse_spec(document)


def test_api_add_get_list_remove(client: TestClient) -> None:
    response = client.post(
        "/v1/subscribers",
        json={
            "name": "Tin Nhanh",
            "kind": "outlet",
            "languages": ["vi"],
            "sectors": ["Technology"],
            "destinations": [{"channel": "webhook", "address": "https://tin.example/hook"}],
        },
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["location"] == f"/v1/subscribers/{created['id']}"
    assert created["destinations"][0]["format"] == "ninjs2"
    assert created["destinations"][0]["secret"].startswith("whsec_")

    got = client.get(f"/v1/subscribers/{created['id']}").json()
    assert got["name"] == "Tin Nhanh"
    assert "secret" not in got["destinations"][0]
    listed = client.get("/v1/subscribers").json()["subscribers"]
    assert [s["id"] for s in listed] == [created["id"]]

    destination = created["destinations"][0]["id"]
    rotated = client.post(f"/v1/destinations/{destination}/rotate-secret").json()
    assert rotated["secret"].startswith("whsec_")

    assert client.delete(f"/v1/subscribers/{created['id']}").status_code == 204
    assert client.get(f"/v1/subscribers/{created['id']}").status_code == 404
    assert client.get("/v1/subscribers").json()["subscribers"] == []


def test_api_bad_input(client: TestClient) -> None:
    bad = client.post("/v1/subscribers", json={"name": "X", "languages": [], "destinations": []})
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
    assert "languages" in bad.json()["detail"]
    broken = client.post(
        "/v1/subscribers", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 400
    assert "invalid JSON" in broken.json()["detail"]
    assert client.get("/v1/subscribers").json()["subscribers"] == []


def test_a_token_finds_its_subscriber_until_removed(wire: Wire) -> None:
    from polywire.store import subscribers as store

    spec = parse_spec(
        {"name": "desk", "languages": ["fr"], "destinations": [{"channel": "stream"}]}
    )
    with wire.database.write() as conn:
        subscriber, token = store.add_subscriber(conn, spec)
    with wire.database.read() as conn:
        found = store.subscriber_by_token(conn, token)
        assert found is not None and found.id == subscriber.id
        assert store.subscriber_by_token(conn, token + "x") is None
    with wire.database.write() as conn:
        store.remove_subscriber(conn, subscriber.id)
    with wire.database.read() as conn:
        assert store.subscriber_by_token(conn, token) is None


def test_many_tokens_are_checked_in_one_call_across_query_chunks(wire: Wire) -> None:
    """What the open live streams re-check periodically: removed subscribers' tokens and unknown
    ones grant nothing; more tokens than one query takes are still all checked."""
    from polywire.publish.feeds.selection import Selection
    from polywire.store import subscribers as store
    from polywire.subscriptions import token_hash
    from polywire.web.live import subscriber_token_check_many

    def add(languages: list[str], sectors: list[str]) -> tuple[str, str]:
        spec = parse_spec(
            {
                "name": "desk",
                "languages": languages,
                "sectors": sectors,
                "destinations": [{"channel": "stream"}],
            }
        )
        with wire.database.write() as conn:
            subscriber, token = store.add_subscriber(conn, spec)
        return subscriber.id, token

    (_, french), (_, german), (removed_id, removed) = (
        add(["fr"], []),
        add(["de"], ["Energy"]),
        add(["es"], []),
    )
    with wire.database.write() as conn:
        store.remove_subscriber(conn, removed_id)
    unknown = [f"unknown-{i}" for i in range(2 * IN_LIMIT)]
    tokens = [french, *unknown[:IN_LIMIT], german, *unknown[IN_LIMIT:], removed]

    assert subscriber_token_check_many(wire.database)(tokens) == {
        french: Selection.of(["fr"]),
        german: Selection.of(["de"], ["Energy"]),
    }
    with wire.database.read() as conn:
        found = store.subscribers_by_token_hashes(conn, [token_hash(german)])
    assert [d.channel for d in found[token_hash(german)].destinations] == ["stream"]


ENERGY_STORY = (
    "Acme opens a solar plant in Leeds\n\n"
    "LEEDS (Polywire) – Acme Ltd opened a solar plant in Leeds on Monday, creating 500 jobs.\n\n"
    "The plant will make 20,000 panels a year from 2027.\n"
).encode()
SECOND_ENERGY_STORY = (
    "Northwind builds a wind farm off Aberdeen\n\n"
    "ABERDEEN (Polywire) – Northwind Energy will build forty turbines off Aberdeen, the company "
    "said on Tuesday.\n\nThe farm is to power 300,000 homes from 2029.\n"
).encode()


async def test_an_edit_changes_what_the_next_release_reaches(
    wire: Wire, client: TestClient, receiver: Receiver
) -> None:
    created = client.post(
        "/v1/subscribers",
        json={
            "name": "Finance desk",
            "languages": ["en"],
            "sectors": ["Finance"],
            "destinations": [{"channel": "webhook", "address": receiver.url("desk")}],
        },
    ).json()
    flow = Flow(wire)
    try:
        StoryService(wire).submit(None, ENERGY_STORY, source="solar.txt", sectors=["Energy"])
        await flow.settle()
        assert receiver.at("desk") == []

        edited = client.patch(
            f"/v1/subscribers/{created['id']}",
            json={"name": "Energy desk", "sectors": [" Energy "]},
        )
        assert edited.status_code == 200, edited.text
        assert edited.json()["name"] == "Energy desk"
        assert edited.json()["sectors"] == ["Energy"]
        assert edited.json()["destinations"] == [
            {k: v for k, v in created["destinations"][0].items() if k != "secret"}
        ]
        StoryService(wire).submit(None, SECOND_ENERGY_STORY, source="wind.txt", sectors=["Energy"])
        await flow.settle()
        (arrival,) = receiver.at("desk")
        assert b"Northwind builds a wind farm" in arrival.body
    finally:
        await flow.close()


def test_an_edit_rebuilds_the_targeting_index(wire: Wire) -> None:
    from polywire.publish.release.targeting import targets
    from polywire.store import subscribers as store
    from publish.test_targeting import story

    spec = parse_spec({"name": "desk", "languages": ["en"], "destinations": [{"channel": "feed"}]})
    with wire.database.write() as conn:
        subscriber, _ = store.add_subscriber(conn, spec)
    version, rendition = story()
    for changes, reached in (
        ({"languages": ["de", "en"], "regions": ["fr"]}, False),
        ({"regions": [], "topics": ["medtop:20000249"]}, True),
        ({"keywords": ["wind farm"]}, False),
        ({"keywords": [], "languages": ["de"]}, False),
        ({"languages": ["en-GB", "en"]}, True),
    ):
        with wire.database.write() as conn:
            store.edit_subscriber(conn, subscriber.id, parse_edit(changes))
        with wire.database.read() as conn:
            found = {t.subscriber_id for t in targets(conn, version, rendition)}
        assert (subscriber.id in found) is reached, changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, "nothing to change"),
        ({"sector": ["Energy"]}, "edit.sector: Extra inputs are not permitted"),
        ({"languages": []}, "edit.languages: List should have at least 1 item"),
        ({"languages": ["xx"]}, "languages.0 xx: not a BCP 47 language tag"),
        ({"name": "  "}, "name: the name is empty"),
        ({"add_destinations": [{"channel": "pigeon"}]}, "add_destinations.0.channel: unknown"),
        ({"regions": ["GB", "XX"]}, "regions.1: unknown country 'XX'"),
    ],
)
def test_bad_edits_are_refused_with_the_field_named(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(BadInput, match=re.escape(message)):
        parse_edit(changes)


def test_api_edit_bad_input_changes_nothing(client: TestClient) -> None:
    created = client.post(
        "/v1/subscribers",
        json={"name": "Desk", "languages": ["fr"], "destinations": [{"channel": "feed"}]},
    ).json()
    path = f"/v1/subscribers/{created['id']}"
    for body, status, detail in (
        (b'{"languages": ["xx"]}', 422, "languages.0 xx: not a BCP 47 language tag"),
        (b'{"name": "X", "sector": ["Energy"]}', 422, "edit.sector"),
        (b"{}", 422, "nothing to change"),
        (b"{nope", 400, "invalid JSON"),
    ):
        answer = client.patch(path, content=body, headers={"content-type": "application/json"})
        assert answer.status_code == status, body
        assert answer.headers["content-type"] == "application/problem+json"
        assert detail in answer.json()["detail"]
    assert client.get(path).json() == {k: v for k, v in created.items() if k != "token"}
    missing = client.patch("/v1/subscribers/nope", json={"name": "X"})
    assert missing.status_code == 404
    assert "no such subscriber" in missing.json()["detail"]


def test_api_edit_adds_destinations_and_shows_only_their_secrets(client: TestClient) -> None:
    created = client.post(
        "/v1/subscribers",
        json={
            "name": "Desk",
            "languages": ["fr"],
            "destinations": [{"channel": "webhook", "address": "https://one.example/hook"}],
        },
    ).json()
    edited = client.patch(
        f"/v1/subscribers/{created['id']}",
        json={
            "add_destinations": [
                {"channel": "webhook", "format": "ninjs3", "address": "https://two.example/hook"},
                {"channel": "feed"},
            ]
        },
    ).json()
    first, second, feed = edited["destinations"]
    assert first["id"] == created["destinations"][0]["id"] and "secret" not in first
    assert (second["format"], second["secret"][:6]) == ("ninjs3", "whsec_")
    assert (feed["channel"], feed["format"]) == ("feed", "rss")
    assert edited["languages"] == ["fr"]


def test_a_publisher_edits_only_its_own_subscribers(client: TestClient, wire: Wire) -> None:
    from polywire.domain import Role, Scope
    from polywire.store import accounts

    def bearer(name: str) -> dict[str, str]:
        with wire.database.write() as conn:
            accounts.add_user(conn, name, "correct horse battery staple", Role.PUBLISHER, name)
            _, token = accounts.add_token(conn, name, "test", [Scope.READ, Scope.WRITE])
        return {"Authorization": f"Bearer {token}"}

    acme, globex = bearer("acme"), bearer("globex")
    created = client.post(
        "/v1/subscribers",
        json={"name": "Acme desk", "languages": ["en"], "destinations": [{"channel": "feed"}]},
        headers=acme,
    ).json()
    path = f"/v1/subscribers/{created['id']}"
    refused = client.patch(path, json={"name": "Mine now"}, headers=globex)
    assert refused.status_code == 403
    assert "another publisher" in refused.json()["detail"]
    assert client.patch("/v1/subscribers/nope", json={"name": "X"}, headers=acme).status_code == 404
    allowed = client.patch(path, json={"name": "Acme energy desk"}, headers=acme)
    assert allowed.status_code == 200
    assert client.get(path, headers=acme).json()["name"] == "Acme energy desk"


def test_cli_edit(subprocess_env: dict[str, str], database_url: str) -> None:
    store = ("--database-url", database_url)
    added = polywire(subprocess_env, "subscribers", "add", "Desk", "--language", "de",
                     "--destination", "feed", "--json", *store)  # fmt: skip
    assert added.returncode == 0, added.stderr
    subscriber_id = json.loads(added.stdout)["id"]

    edited = polywire(
        subprocess_env, "subscribers", "edit", subscriber_id, "--languages", "es, fr",
        "--sector", "Energy", "--sector", "Finance", "--regions", "gb,ie",
        "--add-destination", "webhook:ninjs3:https://desk.example/hook", "--json", *store,
    )  # fmt: skip
    assert edited.returncode == 0, edited.stderr
    document = json.loads(edited.stdout)
    assert (document["name"], document["languages"]) == ("Desk", ["es", "fr"])
    assert (document["sectors"], document["regions"]) == (["Energy", "Finance"], ["GB", "IE"])
    feed, hook = document["destinations"]
    assert "secret" not in feed and hook["secret"].startswith("whsec_")

    cleared = polywire(subprocess_env, "subscribers", "edit", subscriber_id, "--sectors", "",
                       "--name", "Any sector desk", *store)  # fmt: skip
    assert cleared.returncode == 0, cleared.stderr
    assert "sectors=any" in cleared.stdout and "regions=GB,IE" in cleared.stdout

    assert "Any sector desk" in cleared.stdout and "languages=es,fr" in cleared.stdout

    for args, message in (
        (
            (subscriber_id, "--language", "xx"),
            "polywire: error: languages.0 xx: not a BCP 47 language tag",
        ),
        (("nope", "--name", "X"), "no such subscriber"),
    ):
        refused = polywire(subprocess_env, "subscribers", "edit", *args, *store)
        assert refused.returncode == 2 and message in refused.stderr, refused.stderr
