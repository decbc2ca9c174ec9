"""Cross-site writes: another site's page cannot make a browser change anything on the wire,
and the wire answers only to its own host names (DNS rebinding)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from doors.conftest import SUBSCRIBER, stored
from polywire.config import load_settings
from polywire.web.hosts import allowed_hosts
from polywire.wire import Wire


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
def test_api_writes_take_json_only(
    client: TestClient, wire: Wire, content_type: str | None
) -> None:
    """A no-preflight cross-site POST (text/plain, a form) created a subscriber: now 415."""
    headers = {"content-type": content_type} if content_type else {}
    answer = client.post("/v1/subscribers", content=json.dumps(SUBSCRIBER), headers=headers)
    assert answer.status_code == 415, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert "application/json" in answer.json()["detail"]
    assert stored(wire) == (0, 0)


def test_documented_types_and_bodiless_writes_still_pass(client: TestClient) -> None:
    created = client.post("/v1/subscribers", json=SUBSCRIBER)
    assert created.status_code == 201, created.text
    path = f"/v1/subscribers/{created.json()['id']}"
    patched = client.patch(
        path,
        content=json.dumps({"name": "Good"}),
        headers={"content-type": "application/merge-patch+json"},
    )
    assert patched.status_code == 200, patched.text
    assert client.patch(path, content="{}", headers={"content-type": "text/plain"}).status_code == (
        415
    )
    upload = client.post("/v1/stories", files={"file": ("story.txt", b"Headline\n\nA body.")})
    assert upload.status_code != 415
    assert client.delete(path).status_code == 204


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"origin": "http://testserver.evil.example"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site", "origin": "http://testserver"},
    ],
)
def test_writes_from_other_sites_are_refused(
    client: TestClient, wire: Wire, headers: dict[str, str]
) -> None:
    answer = client.post("/v1/subscribers", json=SUBSCRIBER, headers=headers)
    assert answer.status_code == 403, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    page = client.post("/signin", data={"name": "x", "password": "y"}, headers=headers)
    assert page.status_code == 403
    assert stored(wire) == (0, 0)


@pytest.mark.parametrize(
    "headers",
    [
        {},  # a server or the CLI: no Origin at all
        {"origin": "http://testserver", "sec-fetch-site": "same-origin"},
        {"origin": "http://127.0.0.1:8765"},  # the wire's public URL
        {"sec-fetch-site": "none"},  # typed by the user
    ],
)
def test_writes_from_the_wire_itself_pass(client: TestClient, headers: dict[str, str]) -> None:
    answer = client.post("/v1/subscribers", json=SUBSCRIBER, headers=headers)
    assert answer.status_code == 201, answer.text


def test_a_bearer_token_without_origin_still_writes(tmp_path: Path) -> None:
    from polywire.domain import Role, Scope
    from polywire.store import accounts
    from polywire.web.app import create_app

    settings = load_settings(data_dir=tmp_path / "data", languages=[], auth={"required": True})
    wire = Wire(settings)
    with wire.database.write() as conn:
        accounts.add_user(conn, "ada", "correct horse battery staple", Role.ADMIN, None)
        _, token = accounts.add_token(conn, "ada", "server", [Scope.READ, Scope.WRITE])
    bearer = {"authorization": f"Bearer {token}"}
    forged = {**bearer, "origin": "https://evil.example"}
    try:
        with TestClient(create_app(wire)) as client:
            assert client.post("/v1/subscribers", json=SUBSCRIBER).status_code == 401
            written = client.post("/v1/subscribers", json=SUBSCRIBER, headers=bearer)
            assert written.status_code == 201
            refused = client.post("/v1/subscribers", json=SUBSCRIBER, headers=forged)
            assert refused.status_code == 403
    finally:
        wire.close()


def test_websub_and_one_click_unsubscribe_stay_open_to_other_sites(client: TestClient) -> None:
    cross = {"origin": "https://mail.example", "sec-fetch-site": "cross-site"}
    hub = client.post("/websub", data={"hub.mode": "subscribe"}, headers=cross)
    assert hub.status_code not in (403, 415)
    unsubscribe = client.post(
        "/unsubscribe/not-a-token", data={"List-Unsubscribe": "One-Click"}, headers=cross
    )
    assert unsubscribe.status_code == 400  # the token's own answer, not the door's


def test_only_the_wires_own_host_names_are_answered(client: TestClient, wire: Wire) -> None:
    rebound = client.post(
        "/v1/subscribers", json=SUBSCRIBER, headers={"host": "attacker.example:8765"}
    )
    assert rebound.status_code == 400
    assert rebound.headers["content-type"] == "application/problem+json"
    assert rebound.json()["detail"] == (
        "this wire does not answer to the host name 'attacker.example:8765'"
    )
    for path in ("/healthz", "/newsroom/stream", "/v1/stream"):
        assert client.get(path, headers={"host": "attacker.example"}).status_code == 400, path
    for host in ("127.0.0.1:8765", "localhost", "[::1]:8765", "testserver"):
        assert client.get("/healthz", headers={"host": host}).status_code == 200, host
    assert stored(wire) == (0, 0)


def test_allowed_hosts_follow_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLYWIRE_HTTP__ALLOWED_HOSTS")
    default = load_settings(data_dir=tmp_path)
    assert allowed_hosts(default) == ["127.0.0.1", "localhost", "[::1]"]
    public = load_settings(
        data_dir=tmp_path,
        host="0.0.0.0",
        deliver={"public_url": "https://Wire.Example.org/"},
        http={"allowed_hosts": "news.example.org, *.internal.example"},
    )
    assert allowed_hosts(public) == [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "wire.example.org",
        "news.example.org",
        "*.internal.example",
    ]
    monkeypatch.setenv("POLYWIRE_HTTP__ALLOWED_HOSTS", "a.example,b.example")
    assert allowed_hosts(load_settings(data_dir=tmp_path, host="::1"))[-2:] == [
        "a.example",
        "b.example",
    ]
    assert "[fd00::1]" in allowed_hosts(load_settings(data_dir=tmp_path, host="fd00::1"))
