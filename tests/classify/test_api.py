"""`GET/POST /v1/stories/{id}/classification` over HTTP."""

from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient

from polywire.bus.base import Lease
from polywire.classify.stage import ClassifyStage
from polywire.services import StoryService
from polywire.web.app import create_app
from polywire.wire import Wire

from .conftest import HACK_A


def _client(wire: Wire) -> TestClient:
    return TestClient(create_app(wire))


def _classify(wire: Wire, story_id: str) -> None:
    stage = ClassifyStage(wire.database, wire.settings)
    lease = Lease(0, stage.kind, stage.job_key(story_id, 1), {"story_id": story_id, "version": 1},
                  1, "t", 0.0)  # fmt: skip
    commit = asyncio.run(stage(lease))
    with wire.database.write() as conn:
        commit(conn)


def test_read_and_correct_over_http(wire: Wire) -> None:
    story = StoryService(wire).submit(None, HACK_A.encode(), source="a.txt", language="en")
    client = _client(wire)
    assert client.get(f"/v1/stories/{story.story_id}/classification").status_code == 404
    _classify(wire, story.story_id)

    current = client.get(f"/v1/stories/{story.story_id}/classification").json()
    assert current["topics"][0]["code"] == "medtop:04000000"
    assert current["corrected"] is False and current["version"] == 1

    response = client.post(
        f"/v1/stories/{story.story_id}/classification",
        json={"topics": ["medtop:02000000"], "regions": ["us"], "editor": "desk"},
    )
    assert response.status_code == 200, response.text
    corrected = response.json()
    assert [t["code"] for t in corrected["topics"]] == ["medtop:02000000"]
    assert corrected["regions"] == [{"code": "US", "name": "United States", "evidence": ["editor"]}]
    assert corrected["learned_from"] == 1
    ninjs = client.get(f"/v1/stories/{story.story_id}/ninjs").json()
    assert ninjs["subjects"][0]["creator"] == "editor"
    [place] = ninjs["places"]
    assert (place["name"], place["uri"]) == ("United States", "iso3166-1a2:US")


def test_bad_correction_is_a_problem_document(wire: Wire) -> None:
    story = StoryService(wire).submit(None, HACK_A.encode(), source="a.txt", language="en")
    response = _client(wire).post(
        f"/v1/stories/{story.story_id}/classification", json={"topics": ["medtop:20000064"]}
    )
    assert response.status_code == 422
    assert "retired" in response.json()["detail"]


def test_unknown_story_is_404(wire: Wire) -> None:
    response = _client(wire).get("/v1/stories/nope/classification")
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]
