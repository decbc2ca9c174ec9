"""Subscribers over the command line and the HTTP API: add, list, remove, bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from polywire.domain import BadInput
from polywire.publish.subscribers import parse_destination, parse_spec
from polywire.wire import Wire


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
    assert "polywire: error: languages.0: unknown language 'xx'" in result.stderr
    assert "no subscribers yet" in polywire(subprocess_env, "subscribers", "list").stdout
    missing = polywire(subprocess_env, "subscribers", "remove", "nope")
    assert missing.returncode == 2
    assert "no such subscriber" in missing.stderr


@pytest.mark.parametrize(
    ("wants", "message"),
    [
        ({"languages": ["xx"]}, "unknown language 'xx'"),
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
