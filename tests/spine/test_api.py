"""The HTTP API: round trips, ninjs that validates against the IPTC schema, bad input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from polywire.publish.formats.ninjs import validate_ninjs
from polywire.services import StoryService
from polywire.wire import Wire
from spine.samples import STORY


@pytest.fixture
def client(wire: Wire) -> Iterator[TestClient]:
    from polywire.web.app import create_app

    with TestClient(create_app(wire)) as test_client:
        yield test_client


def release_all(wire: Wire) -> None:
    import asyncio

    asyncio.run(wire.worker().run_until_idle())


def test_submit_json_then_read_story_and_ninjs(client: TestClient, wire: Wire) -> None:
    response = client.post(
        "/v1/stories",
        json={"content": STORY.decode(), "sectors": ["Business"], "languages": ["es", "pt"]},
    )
    assert response.status_code == 201, response.text
    story_id = response.json()["id"]
    assert response.headers["location"] == f"/v1/stories/{story_id}"
    release_all(wire)

    story = client.get(f"/v1/stories/{story_id}").json()
    assert story["state"] == "released"
    version = story["versions"][0]
    assert version["headline"] == "Acme opens a plant in Leeds"
    assert version["sectors"] == ["Business"]
    assert version["renditions"][0]["state"] == "released"

    document = client.get(f"/v1/stories/{story_id}/ninjs", params={"lang": "en"}).json()
    validate_ninjs(document)
    assert document["uri"] == story["uri"]
    assert document["version"] == "1"
    assert document["language"] == "en"
    assert document["headlines"][0]["value"] == "Acme opens a plant in Leeds"
    assert "20,000 bicycles" in document["bodies"][0]["value"]
    assert {"name": "Business", "rel": "sector"} in document["subjects"]

    spanish = client.get(f"/v1/stories/{story_id}/ninjs", params={"lang": "es"}).json()
    validate_ninjs(spanish)
    assert spanish["language"] == "es" and spanish["uri"] == story["uri"]
    assert "Leeds" in spanish["headlines"][0]["value"]
    assert spanish["headlines"][0]["value"] != document["headlines"][0]["value"]

    listed = client.get("/v1/stories").json()["stories"]
    released = dict.fromkeys(["en", "es", "pt"], "released")
    assert [(s["id"], s["languages"]) for s in listed] == [(story_id, released)]


def test_submit_file_upload_and_a_new_version(client: TestClient) -> None:
    html = (
        b"<html><head><title>Acme opens a plant</title></head><body><article>"
        b"<h1>Acme opens a plant</h1><p>Acme Ltd opened a plant in Leeds on Monday, creating "
        b"500 jobs in the city and 200 more at suppliers nearby.</p><p>The plant will make "
        b"20,000 bicycles a year from 2027, the company said in a statement.</p>"
        b"</article></body></html>"
    )
    response = client.post(
        "/v1/stories",
        files={"file": ("release.html", html, "text/html")},
        data={"language": "en", "embargoed": "2020-01-01T09:00:00Z"},
    )
    assert response.status_code == 201, response.text
    story_id = response.json()["id"]
    update = client.post(
        f"/v1/stories/{story_id}/versions",
        json={"content": STORY.decode(), "correction_reason": "new figures"},
    )
    assert update.status_code == 201
    assert update.json() == {"id": story_id, "version": 2, "created": True, "same_story_of": None}
    story = client.get(f"/v1/stories/{story_id}").json()
    assert [v["version"] for v in story["versions"]] == [1, 2]
    assert story["versions"][0]["embargoed"].startswith("2020-01-01T09:00:00")
    ninjs_v1 = client.get(f"/v1/stories/{story_id}/ninjs", params={"version": 1}).json()
    validate_ninjs(ninjs_v1)
    assert ninjs_v1["embargoed"] == "2020-01-01T09:00:00Z"


@pytest.mark.parametrize(
    ("request_kwargs", "status", "detail"),
    [
        (
            {"content": b"not json", "headers": {"content-type": "application/json"}},
            400,
            "invalid JSON",
        ),
        ({"json": {"content": "   "}}, 422, "'content'"),
        ({"json": ["a list"]}, 400, "JSON object"),
        ({"files": {"file": ("empty.txt", b"", "text/plain")}}, 422, "empty.txt: input is empty"),
        (
            {"files": {"file": ("photo.jpg", b"\xff\xd8\xff\x00\x10JFIF\x00" * 50, "image/jpeg")}},
            422,
            "photo.jpg: input is binary",
        ),
        (
            {"files": {"file": ("one-line.txt", b"Just a headline", "text/plain")}},
            422,
            "one-line.txt: no story found",
        ),
        (
            {"content": b"x", "headers": {"content-type": "application/xml"}},
            415,
            "unsupported content type",
        ),
        (
            {"json": {"content": STORY.decode(), "embargoed": "next tuesday"}},
            422,
            "not an ISO 8601",
        ),
    ],
)
def test_bad_input_is_a_problem_and_changes_nothing(
    client: TestClient, wire: Wire, request_kwargs: dict[str, object], status: int, detail: str
) -> None:
    client.post("/v1/stories", json={"content": STORY.decode()})
    before = StoryService(wire).report(None)
    response = client.post("/v1/stories", **request_kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert detail in response.json()["detail"]
    assert StoryService(wire).report(None) == before


def test_a_50_megabyte_upload_is_refused(client: TestClient, wire: Wire) -> None:
    huge = b"Headline\n\n" + b"word " * (10 * 1024 * 1024)
    response = client.post("/v1/stories", files={"file": ("huge.txt", huge, "text/plain")})
    assert response.status_code == 413
    assert "more than the limit" in response.json()["detail"]
    assert StoryService(wire).report(None).stories == 0


def test_unknown_story_is_404_problem(client: TestClient) -> None:
    for path in ("/v1/stories/missing", "/v1/stories/missing/ninjs"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["detail"] == "story 'missing': no such story"
    response = client.post("/v1/stories/missing/versions", json={"content": STORY.decode()})
    assert response.status_code == 404


def test_a_language_without_a_rendition_is_404_and_no_language_422(client: TestClient) -> None:
    story_id = client.post("/v1/stories", json={"content": STORY.decode()}).json()["id"]
    response = client.get(f"/v1/stories/{story_id}/ninjs", params={"lang": "sw"})
    assert response.status_code == 404
    assert "no rendition in 'sw'" in response.json()["detail"]
    response = client.get(f"/v1/stories/{story_id}/ninjs", params={"lang": "xx"})
    assert response.status_code == 422
    assert "not a BCP 47 language tag" in response.json()["detail"]


def test_openapi_is_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert "/v1/stories/{story_id}/ninjs" in spec["paths"]
