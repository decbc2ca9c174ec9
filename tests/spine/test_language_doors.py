"""Every door where a language enters checks its tag with the same function, and says which input
is wrong; a row stored with a bad language before the check never blocks anyone else's work
(issue 16, finding 1: `--language english` became version 2 of a released story and every later
submission failed)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from polywire.domain import BadInput
from polywire.language_tags import is_language_tag, language_tag
from polywire.services import StoryService
from polywire.store.tables import renditions, stories, versions
from polywire.wire import Wire
from spine.samples import STORY, distinct_story
from spine.test_cli import polywire

CHANGED = STORY.replace(b"500 jobs", b"550 jobs")
NINJS_IN_ENGLISH = {
    "uri": "urn:partner:2026:1",
    "standard": {"name": "ninjs", "version": "2.1"},
    "language": "english",
    "headlines": [{"role": "main", "value": "Acme opens a plant in Leeds"}],
    "bodies": [{"role": "main", "contenttype": "text/plain", "value": STORY.decode()}],
}


@pytest.fixture
def client(wire: Wire) -> Iterator[TestClient]:
    from polywire.web.app import create_app

    with TestClient(create_app(wire)) as test_client:
        yield test_client


def run_jobs(wire: Wire) -> None:
    asyncio.run(wire.worker().run_until_idle())


@pytest.mark.parametrize(
    ("value", "tag"),
    [("en", "en"), ("EN", "en"), ("zh-hans", "zh-Hans"), ("pt_br", "pt-BR"), ("eng", "en")],
)
def test_one_spelling_per_language(value: str, tag: str) -> None:
    assert language_tag(value) == tag
    assert is_language_tag(tag)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("english", "--language english: not a BCP 47 language tag; did you mean 'en'?"),
        ("French", "--language French: not a BCP 47 language tag; did you mean 'fr'?"),
        ("und", "--language und: not a BCP 47 language tag; use a tag such as fr or zh-Hans"),
        ("e$", "--language e$: not a BCP 47 language tag"),
        ("", "--language (empty): not a BCP 47 language tag"),
    ],
)
def test_a_bad_tag_is_named_with_a_suggestion(value: str, message: str) -> None:
    with pytest.raises(BadInput) as raised:
        language_tag(value, source="--language")
    assert str(raised.value).startswith(message)


def test_a_new_version_in_a_bad_language_is_refused_and_breaks_nothing(wire: Wire) -> None:
    first = StoryService(wire).submit(None, STORY, source="story.txt")
    run_jobs(wire)
    with pytest.raises(BadInput, match="language english: not a BCP 47 language tag; did you"):
        StoryService(wire).submit(None, CHANGED, source="changed.txt", language="english")
    view = StoryService(wire).story(None, first.story_id)
    assert [v.version for v in view.versions] == [1]
    assert view.story.state.value == "released"
    with pytest.raises(BadInput, match="languages french: not a BCP 47 language tag"):
        StoryService(wire).submit(None, CHANGED, source="changed.txt", languages=["french"])
    later = StoryService(wire).submit(None, distinct_story(3), source="other.txt", language="en")
    assert later.created and later.story_id != first.story_id


def test_a_stored_bad_language_is_skipped_with_a_warning(
    wire: Wire, client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    spoilt = StoryService(wire).submit(None, STORY, source="story.txt")
    run_jobs(wire)
    with wire.database.write() as conn:  # rows written before the doors were checked
        conn.execute(update(versions).values(language="english"))
        conn.execute(update(renditions).values(language="english"))
        conn.execute(update(stories).values(source_language="english"))
    with caplog.at_level(logging.WARNING, logger="polywire.match"):
        later = StoryService(wire).submit(
            None, distinct_story(3), source="other.txt", language="en"
        )
    assert later.created and later.story_id != spoilt.story_id
    assert "not compared: its stored language 'english'" in caplog.text
    run_jobs(wire)
    assert StoryService(wire).story(None, later.story_id).story.state.value == "released"
    assert {s.id for s in StoryService(wire).stories(None)} == {spoilt.story_id, later.story_id}
    listed = client.get("/v1/stories")
    assert listed.status_code == 200 and len(listed.json()["stories"]) == 2
    assert client.get(f"/v1/stories/{spoilt.story_id}").status_code == 200
    latest = client.get("/news/latest.json")
    assert latest.status_code == 200 and later.story_id in latest.text
    assert client.get("/feeds/en/all.atom").status_code == 200


def test_the_api_names_the_bad_field(client: TestClient) -> None:
    for body, detail in (
        (
            {"content": STORY.decode(), "language": "english"},
            "language english: not a BCP 47 language tag; did you mean 'en'?",
        ),
        (
            {"content": STORY.decode(), "languages": ["es", "german"]},
            "languages german: not a BCP 47 language tag; did you mean 'de'?",
        ),
        (
            {"content": json.dumps(NINJS_IN_ENGLISH)},
            "language english: not a BCP 47 language tag",
        ),
    ):  # fmt: skip
        response = client.post("/v1/stories", json=body)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert detail in response.json()["detail"]
    assert client.get("/v1/stories").json()["stories"] == []


def test_the_command_line_names_the_option(subprocess_env: dict[str, str], tmp_path: Path) -> None:
    story = tmp_path / "changed.txt"
    story.write_bytes(CHANGED)
    refused = polywire(subprocess_env, "submit", str(story), "--language", "english")
    assert refused.returncode == 2
    assert (
        "polywire: error: --language english: not a BCP 47 language tag; did you mean 'en'?"
        in refused.stderr
    )
    targets = polywire(subprocess_env, "submit", str(story), "--to", "es,spanish")
    assert targets.returncode == 2
    assert "--to spanish: not a BCP 47 language tag; did you mean 'es'?" in targets.stderr
    assert "no stories yet" in polywire(subprocess_env, "stories").stdout
