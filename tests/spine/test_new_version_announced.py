"""A submission the wire files as a new version of a story it holds is announced as such, can be
kept a story of its own, and is never a version in another language (issue 16, finding 1: the user
was never told the file had become version 2 of another story)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polywire.domain import BadInput
from polywire.services import StoryService
from polywire.wire import Wire
from spine.samples import STORY
from spine.test_cli import polywire

CHANGED = STORY.replace(b"500 jobs", b"550 jobs")
HEADLINE = "Acme opens a plant in Leeds"


@pytest.fixture
def client(wire: Wire) -> Iterator[TestClient]:
    from polywire.web.app import create_app

    with TestClient(create_app(wire)) as test_client:
        yield test_client


def test_the_wire_says_which_story_it_chose(wire: Wire) -> None:
    first = StoryService(wire).submit(None, STORY, source="story.txt")
    asyncio.run(wire.worker().run_until_idle())
    changed = StoryService(wire).submit(None, CHANGED, source="changed.txt")
    assert (changed.story_id, changed.version) == (first.story_id, 2)
    assert changed.same_story_of is not None
    assert changed.same_story_of.story_id == first.story_id
    assert changed.same_story_of.headline == HEADLINE
    assert 0.5 <= changed.same_story_of.score <= 1
    assert changed.announcement() == (
        f"stored as version 2 of {first.story_id} {HEADLINE!r} "
        f"(same story, score {changed.same_story_of.score:.2f})"
    )
    named = StoryService(wire).submit(
        None, CHANGED.replace(b"550", b"560"), source="x.txt", update_of=first.story_id
    )
    assert named.version == 3 and named.same_story_of is None  # the sender chose the story
    own = StoryService(wire).submit(
        None, CHANGED.replace(b"550", b"570"), source="own.txt", new_story=True
    )
    assert own.story_id != first.story_id and own.version == 1 and own.same_story_of is None


def test_a_version_in_another_language_is_refused(wire: Wire) -> None:
    first = StoryService(wire).submit(None, STORY, source="story.txt")
    for update_of in (first.story_id, None):
        with pytest.raises(BadInput) as refused:
            StoryService(wire).submit(
                None, CHANGED, source="changed.txt", language="fr", update_of=update_of
            )
        assert refused.value.status == 409
        assert f"this version is in 'fr' but story {first.story_id} is in 'en'" in str(
            refused.value
        )
        assert "translation" in str(refused.value)
    assert [v.version for v in StoryService(wire).story(None, first.story_id).versions] == [1]
    regional = StoryService(wire).submit(None, CHANGED, source="changed.txt", language="en-GB")
    assert (regional.story_id, regional.version) == (first.story_id, 2)


def test_the_api_answers_same_story_of(client: TestClient) -> None:
    first = client.post("/v1/stories", json={"content": STORY.decode()}).json()
    assert first["same_story_of"] is None
    changed = client.post("/v1/stories", json={"content": CHANGED.decode()})
    assert changed.status_code == 201, changed.text
    answer = changed.json()
    assert (answer["id"], answer["version"]) == (first["id"], 2)
    assert answer["same_story_of"]["id"] == first["id"]
    assert answer["same_story_of"]["headline"] == HEADLINE
    assert 0.5 <= answer["same_story_of"]["score"] <= 1
    own = client.post(
        "/v1/stories",
        files={"file": ("own.txt", CHANGED.replace(b"550", b"570"))},
        data={"new_story": "true"},
    ).json()
    assert own["id"] != first["id"] and own["version"] == 1
    french = client.post(
        f"/v1/stories/{first['id']}/versions",
        json={"content": CHANGED.replace(b"550", b"580").decode(), "language": "fr"},
    )
    assert french.status_code == 409
    assert french.headers["content-type"] == "application/problem+json"
    assert "is in 'fr' but story" in french.json()["detail"]
    bad = client.post("/v1/stories", json={"content": STORY.decode(), "new_story": "maybe"})
    assert bad.status_code == 422 and "new_story" in bad.json()["detail"]


def test_the_command_line_announces_the_new_version(
    subprocess_env: dict[str, str], tmp_path: Path
) -> None:
    story, changed = tmp_path / "story.txt", tmp_path / "changed.txt"
    story.write_bytes(STORY)
    changed.write_bytes(CHANGED)
    first = polywire(subprocess_env, "submit", str(story), "--no-wait").stdout.strip()
    again = polywire(subprocess_env, "submit", str(changed), "--no-wait")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == first
    assert f"stored as version 2 of {first} {HEADLINE!r} (same story, score 0." in again.stderr
    assert "--new-story" in again.stderr
    own = polywire(subprocess_env, "submit", str(changed), "--new-story", "--no-wait")
    assert own.returncode == 0, own.stderr
    assert own.stdout.strip() != first and "stored as version" not in own.stderr
    again = polywire(subprocess_env, "submit", str(changed), "--new-story", "--no-wait")
    assert again.stdout.strip() == own.stdout.strip()  # sent twice, stored once
