"""The API answers in correct HTTP: a client's fault is a 4xx problem, never a 500; a database
that cannot be reached is a 503 problem with Retry-After; anything unexpected is a 500 problem
that shows nothing of the error and is logged; 405 names every method of the path."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from api.conftest import PASSWORD, Stocked
from polywire.config import load_settings
from polywire.services import StoryService
from polywire.wire import Wire

PROBLEM = "application/problem+json"
HUGE = "99999999999999999999"


@pytest.fixture
def client(stocked: Stocked) -> Iterator[TestClient]:
    headers = {"Authorization": f"Bearer {stocked.admin_token}"}
    with TestClient(stocked.app, headers=headers, raise_server_exceptions=False) as test_client:
        yield test_client


def assert_problem(answer: object, status: int, *words: str) -> dict[str, object]:
    from httpx import Response

    assert isinstance(answer, Response)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    document = answer.json()
    assert document["status"] == status
    for word in words:
        assert word in document["detail"], document
    return document  # type: ignore[no-any-return]


def test_numbers_past_what_the_store_holds_are_422_naming_the_parameter(
    client: TestClient, stocked: Stocked
) -> None:
    story = stocked.story_id
    for path, name in [
        (f"/v1/stories?offset={HUGE}", "offset"),
        (f"/v1/subscribers?offset={HUGE}", "offset"),
        (f"/v1/stories/{story}/ninjs?version={HUGE}", "version"),
        (f"/v1/stories/{story}/classification?version={HUGE}", "version"),
    ]:
        assert_problem(client.get(path), 422, f"query.{name}")
    corrected = client.post(f"/v1/stories/{story}/classification", json={"version": int(HUGE)})
    assert_problem(corrected, 422, "body.version")


def test_a_language_that_is_no_tag_is_422_with_a_suggestion_not_a_404(
    client: TestClient, stocked: Stocked
) -> None:
    """`?lang=english` answered 404 "no rendition in 'english'"; a tag in another case is the
    wire's own spelling."""
    ninjs = f"/v1/stories/{stocked.story_id}/ninjs"
    assert_problem(
        client.get(ninjs, params={"lang": "english"}),
        422,
        "language english: not a BCP 47 language tag; did you mean 'en'?",
    )
    source = client.get(ninjs).json()
    assert client.get(ninjs, params={"lang": source["language"].upper()}).json() == source
    assert_problem(client.get(ninjs, params={"lang": "fr"}), 404, "no rendition in 'fr'")


def test_a_deeply_nested_json_body_is_a_400_naming_the_body(
    client: TestClient, stocked: Stocked
) -> None:
    deep = b"[" * 30_000 + b"]" * 30_000
    json_type = {"content-type": "application/json"}
    for method, path in [
        ("POST", "/v1/stories"),
        ("POST", f"/v1/stories/{stocked.story_id}/versions"),
        ("POST", "/v1/subscribers"),
        ("PATCH", f"/v1/subscribers/{stocked.subscriber_id}"),
    ]:
        answer = client.request(method, path, content=deep, headers=json_type)
        assert_problem(answer, 400, "request body", "nested too deeply")
    answer = client.post(
        f"/v1/stories/{stocked.story_id}/classification", content=deep, headers=json_type
    )
    assert_problem(answer, 400)
    assert len(client.get("/v1/stories").json()["stories"]) == 1
    assert len(client.get("/v1/subscribers").json()["subscribers"]) == 1


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("down", ["postgresql", "sqlite"])
def test_while_the_database_is_down_the_api_answers_503_with_retry_after(
    client: TestClient, stocked: Stocked, tmp_path: Path, down: str
) -> None:
    unreachable = {
        "postgresql": f"postgresql+psycopg://postgres@127.0.0.1:{_unused_port()}/polywire",
        "sqlite": f"sqlite:///{tmp_path / 'no such directory' / 'polywire.db'}",
    }[down]
    database = stocked.wire.database
    working, database.engine = database.engine, create_engine(unreachable)
    try:
        reads = client.get("/v1/stories")  # the API guard reads the token first
        anonymous = client.get("/v1/stories", headers={"Authorization": ""})
        submits = client.post("/v1/stories", json={"content": "Acme opens a plant"})
        feed = client.get("/feeds/en/all.rss")  # never built: read from the store
    finally:
        database.engine.dispose()
        database.engine = working
    for answer in (reads, anonymous, submits):
        assert_problem(answer, 503 if answer is not anonymous else 401)
    for answer in (reads, submits, feed):
        assert answer.headers["retry-after"] == "5"
        assert "try again later" in answer.json()["detail"]
    assert_problem(feed, 503)


def test_an_operational_error_raised_by_the_store_is_a_503(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polywire.web.app import create_app

    wire = Wire(load_settings(data_dir=tmp_path / "data", languages=[]))

    def locked(*_: object, **__: object) -> None:
        raise OperationalError("SELECT 1", {}, Exception("database is locked"))

    monkeypatch.setattr(StoryService, "lines", locked)
    try:
        with TestClient(create_app(wire), raise_server_exceptions=False) as anonymous:
            answer = anonymous.get("/v1/stories")
    finally:
        wire.close()
    assert_problem(answer, 503, "cannot be reached")
    assert answer.headers["retry-after"] == "5"


def test_an_unexpected_error_is_a_500_problem_that_shows_nothing_of_it_and_is_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from polywire.web.app import create_app

    wire = Wire(load_settings(data_dir=tmp_path / "data", languages=[]))

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("secret internals at /srv/polywire")

    monkeypatch.setattr(StoryService, "report", broken)
    try:
        with (
            caplog.at_level(logging.ERROR, logger="polywire.web.problems"),
            TestClient(create_app(wire), raise_server_exceptions=False) as anonymous,
        ):
            answer = anonymous.get("/v1/report")
    finally:
        wire.close()
    document = assert_problem(answer, 500, "server's log")
    assert "secret" not in answer.text and "RuntimeError" not in answer.text
    reference = str(document["detail"]).split()[-1]
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert logged and logged[0].exc_info is not None
    assert "secret internals" in str(logged[0].exc_info[1])


def test_405_names_every_method_of_the_path_and_404_is_a_problem(client: TestClient) -> None:
    for method, path, allowed in [
        ("PUT", "/v1/stories", "GET, POST"),
        ("DELETE", "/v1/subscribers", "GET, POST"),
        ("POST", "/healthz", "GET"),
        ("POST", "/feeds/en/all.rss", "GET"),
        ("POST", "/v1/stream", "GET"),
        ("PUT", "/newsroom/stream", "GET"),
    ]:
        answer = client.request(method, path)
        assert_problem(answer, 405)
        assert answer.headers["allow"] == allowed, (method, path)
    assert_problem(client.get("/v1/no-such-thing"), 404)


def test_a_lease_in_other_digits_than_ascii_is_a_400(client: TestClient, stocked: Stocked) -> None:
    base = stocked.wire.settings.deliver.public_url.rstrip("/")
    form = {
        "hub.mode": "subscribe",
        "hub.topic": f"{base}/feeds/en/all.rss",
        "hub.callback": "http://127.0.0.1:9/callback",
        "hub.lease_seconds": "²",
    }
    assert_problem(client.post("/websub", data=form), 400, "hub.lease_seconds")


def test_a_feed_of_a_sector_with_a_control_character_is_not_found(client: TestClient) -> None:
    assert_problem(client.get("/feeds/en/a%00b.rss"), 404, "not a sector name")


@pytest.mark.postgres
def test_a_nul_the_database_cannot_store_is_a_422(postgres_url: str, tmp_path: Path) -> None:
    """PostgreSQL stores no NUL in a text: a NUL in a name or an id is the client's problem."""
    from polywire.web.app import create_app

    wire = Wire(load_settings(data_dir=tmp_path / "data", database_url=postgres_url, languages=[]))
    subscriber = {
        "name": "Example\x00Gazette",
        "languages": ["en"],
        "destinations": [{"channel": "webhook", "address": "http://127.0.0.1:9/hook"}],
    }
    try:
        with TestClient(create_app(wire), raise_server_exceptions=False) as anonymous:
            added = anonymous.post("/v1/subscribers", json=subscriber)
            story = anonymous.get("/v1/stories/a%00b")
            listed = anonymous.get("/v1/subscribers").json()["subscribers"]
    finally:
        wire.close()
    assert_problem(added, 422, "cannot store")
    assert_problem(story, 422, "cannot store")
    assert listed == []


def test_a_job_id_past_what_the_store_holds_is_a_422_on_the_desk(stocked: Stocked) -> None:
    with TestClient(stocked.app, raise_server_exceptions=False) as desk:
        form = desk.get("/signin").text
        csrf = form.split('name="csrf" value="')[1].split('"')[0]
        signed_in = desk.post(
            "/signin",
            data={"name": "ada", "password": PASSWORD, "csrf": csrf, "next": "/desk/health"},
        )
        csrf = signed_in.text.split('name="csrf" value="')[1].split('"')[0]
        answer = desk.post(f"/desk/jobs/{HUGE}/retry", data={"csrf": csrf})
    assert_problem(answer, 422, "job_id")


def test_a_stream_resumed_after_no_sequence_number_is_a_422(client: TestClient) -> None:
    for headers, query in [
        ({"Last-Event-ID": HUGE}, ""),
        ({}, "?last_event_id=%C2%B2"),  # a superscript two: a digit, not an ASCII one
    ]:
        answer = client.get(f"/newsroom/stream{query}", headers=headers)
        assert_problem(answer, 422, "not a number")


def test_a_time_that_utc_cannot_hold_is_a_422_naming_it(
    client: TestClient, stocked: Stocked
) -> None:
    for moment in ("9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+12:00"):
        replay = client.post(
            f"/v1/destinations/{stocked.destination_id}/replay", params={"since": moment}
        )
        assert_problem(replay, 422, "since", "out of range")
        submitted = client.post(
            "/v1/stories",
            json={"content": "Acme opens a plant\n\nAcme opened a plant.", "embargoed": moment},
        )
        assert_problem(submitted, 422, "embargoed", "out of range")
    assert len(client.get("/v1/stories").json()["stories"]) == 1


def test_the_answer_models_drop_nothing_the_wire_says(client: TestClient, stocked: Stocked) -> None:
    """A response model that lacks a field would drop it silently: the story, the story list and
    the subscriber answer every field the wire's own JSON has."""
    story = client.get(f"/v1/stories/{stocked.story_id}").json()
    assert story == StoryService(stocked.wire).story(None, stocked.story_id).to_json()
    (line,) = [s for s in client.get("/v1/stories").json()["stories"] if s["id"] == story["id"]]
    assert line["headline"] == story["versions"][-1]["headline"]
    subscriber = client.get(f"/v1/subscribers/{stocked.subscriber_id}").json()
    assert subscriber["paused"] is False
