"""The OpenAPI document (`/openapi.json`) is true: every reference resolves, and it names the
statuses and content types the routes answer with (problems as application/problem+json, feeds
as RSS, Atom and JSON Feed), and the body of every success, so that a new route without a
response model fails here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from polywire.config import load_settings
from polywire.wire import Wire

PROBLEM = "application/problem+json"
#: Successes answered with no body at all, besides 204 (which never has one), and why.
WITHOUT_A_BODY = {
    ("POST", "/websub", "202"): "the hub accepted the request; it verifies the subscriber's "
    "intent later, out of band (WebSub §5.1.2 answers 202 Accepted with no body)",
}


@pytest.fixture
def document(tmp_path: Path) -> Iterator[dict[str, Any]]:
    from polywire.web.app import create_app

    wire = Wire(load_settings(data_dir=tmp_path / "data"))
    with TestClient(create_app(wire)) as client:
        yield client.get("/openapi.json").json()
    wire.close()


def _references(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield path, method.upper(), operation


def test_every_reference_resolves(document: dict[str, Any]) -> None:
    references = set(_references(document))
    assert "#/components/schemas/DestinationSpec" in references
    for reference in references:
        node: Any = document
        assert reference.startswith("#/"), reference
        for part in reference[2:].split("/"):
            assert part in node, f"{reference} does not resolve"
            node = node[part]


def test_problems_are_documented_as_problem_details(document: dict[str, Any]) -> None:
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for path, method, operation in _operations(document):
        for status, answer in operation["responses"].items():
            if int(status) < 400 or (path.startswith("/unsubscribe") and status == "400"):
                continue
            assert list(answer["content"]) == [PROBLEM], (method, path, status)
        if path.startswith("/v1/"):
            assert {"401", "403", "503"} <= set(operation["responses"]), (method, path)
        assert "503" in operation["responses"] or path == "/healthz", (method, path)


def test_statuses_and_content_types_of_the_answers_are_documented(
    document: dict[str, Any],
) -> None:
    paths = document["paths"]
    submit = paths["/v1/stories"]["post"]["responses"]
    assert {"200", "201", "400", "413", "415", "422"} <= set(submit)
    for path, method in [
        ("/v1/subscribers", "post"),
        ("/v1/subscribers/{subscriber_id}", "patch"),
        ("/v1/stories/{story_id}/classification", "post"),
        ("/v1/stories/{story_id}/withdraw", "post"),
        ("/v1/stories/{story_id}/languages/{language}", "put"),
    ]:
        assert {"400", "413", "415", "422"} <= set(paths[path][method]["responses"]), path
    assert "204" in paths["/v1/subscribers/{subscriber_id}"]["delete"]["responses"]
    assert "409" in paths["/v1/stories/{story_id}/release"]["post"]["responses"]
    assert "422" in paths["/v1/stories"]["get"]["responses"]
    feed = paths["/feeds/{lang}/{filename}"]["get"]["responses"]
    assert set(feed["200"]["content"]) == {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
    }
    assert "304" in feed and "404" in feed
    assert set(paths["/unsubscribe/{token}"]["get"]["responses"]["200"]["content"]) == {"text/html"}
    edit = paths["/v1/subscribers/{subscriber_id}"]["patch"]["requestBody"]["content"]
    assert edit["application/merge-patch+json"]["schema"] == {
        "$ref": "#/components/schemas/SubscriberEdit"
    }


def _resolved(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = document
        for part in schema["$ref"][2:].split("/"):
            node = node[part]
        schema = node
    return schema


def test_every_api_operation_documents_what_it_answers(document: dict[str, Any]) -> None:
    """Each `/v1` operation names the JSON of its success (a 204 answers no body at all): a
    schema with the fields an object has, or the items of a list."""
    operations = [op for op in _operations(document) if op[0].startswith("/v1/")]
    assert len(operations) >= 30
    for path, method, operation in operations:
        successes = {s: a for s, a in operation["responses"].items() if s.startswith("2")}
        assert successes, (method, path)
        for status, answer in successes.items():
            if status == "204":
                assert "content" not in answer, (method, path)
                continue
            schema = _resolved(document, answer["content"]["application/json"]["schema"])
            if schema.get("type") == "array":
                schema = _resolved(document, schema["items"])
            assert schema.get("type") == "object", (method, path, status)
            assert schema.get("properties"), (method, path, status)


def _undocumented_successes(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The successes whose body the document does not describe: no content type, or one
    without a schema (what FastAPI writes for a route without a response model)."""
    found = []
    for path, method, operation in _operations(document):
        for status, answer in operation["responses"].items():
            if not status.startswith("2"):
                continue
            content = answer.get("content") or {}
            if status == "204" or (method, path, status) in WITHOUT_A_BODY:
                if content:
                    found.append((method, path, status))  # documented a body it cannot have
                continue
            if not content or not all(kind.get("schema") for kind in content.values()):
                found.append((method, path, status))
    return found


def test_every_success_of_every_operation_documents_its_body(document: dict[str, Any]) -> None:
    assert _undocumented_successes(document) == []
    for method, path, status in WITHOUT_A_BODY:
        assert status in document["paths"][path][method.lower()]["responses"], (method, path)


def test_a_route_without_a_response_model_is_seen() -> None:
    app = FastAPI()
    app.add_api_route("/v1/new", lambda: {"id": 1}, methods=["GET"])  # no model, no annotation
    app.add_api_route("/v1/new", lambda: None, methods=["DELETE"], status_code=204)
    assert _undocumented_successes(app.openapi()) == [("GET", "/v1/new", "200")]
