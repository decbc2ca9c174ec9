"""The check stage on the store (SQLite and PostgreSQL): the report lands on the rendition, and
the publisher policy decides whether a rendition to review is held or released."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Connection

from check.corpus import STRIKE, STRIKE_TRANSLATIONS
from check.faults import edit
from polywire.bus.base import Lease
from polywire.check import CheckSettings, Text
from polywire.check.stage import CheckStage
from polywire.config import load_settings
from polywire.domain import Rendition, RenditionState
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.wire import Wire


@pytest.fixture
def wire(tmp_path: Path, database_url: str) -> Iterator[Wire]:
    opened = Wire(load_settings(data_dir=tmp_path / "data", database_url=database_url))
    yield opened
    opened.close()


def submit_with_translation(wire: Wire, translation: Text) -> str:
    body = "\n\n".join([STRIKE.headline, *STRIKE.paragraphs]).encode()
    story_id = StoryService(wire).submit(None, body, source="strike.txt", language="en").story_id
    with wire.database.write() as conn:
        store.save_rendition(
            conn,
            Rendition(
                story_id,
                1,
                translation.language,
                RenditionState.TRANSLATING,
                headline=translation.headline,
                body=list(translation.paragraphs),
                engine="human",
            ),
        )
    return story_id


async def run_check(wire: Wire, stage: CheckStage, story_id: str, language: str) -> Rendition:
    payload = {"story_id": story_id, "version": 1, "language": language}
    lease = Lease(1, stage.kind, stage.job_key(story_id, 1, language), payload, 1, "t", 0.0)
    commit = await stage(lease)
    with wire.database.write() as conn:
        commit(conn)
    with wire.database.read() as conn:
        return store.get_rendition(conn, story_id, 1, language)


async def test_a_clean_translation_is_checked_with_its_report(wire: Wire) -> None:
    story_id = submit_with_translation(wire, STRIKE_TRANSLATIONS["de"])
    stage = CheckStage(wire.database, CheckSettings())
    rendition = await run_check(wire, stage, story_id, "de")
    assert rendition.state == RenditionState.CHECKED
    assert rendition.check == {
        "source_language": "en",
        "target_language": "de",
        "verdict": "pass",
        "aligned": True,
        "findings": [],
    }
    [shown] = [
        r
        for r in StoryService(wire).story(None, story_id).to_json()["versions"][0]["renditions"]
        if r["language"] == "de"
    ]
    assert shown["check"]["verdict"] == "pass"  # what the API returns with the rendition


@pytest.mark.parametrize(
    ("policy", "state"),
    [("hold", RenditionState.NEEDS_REVIEW), ("release", RenditionState.CHECKED)],
)
async def test_the_policy_holds_or_releases_a_rendition_to_review(
    wire: Wire, policy: str, state: RenditionState
) -> None:
    moved = edit(STRIKE_TRANSLATIONS["ja"], 1, "木曜日", "金曜日")
    story_id = submit_with_translation(wire, moved)
    followed: list[tuple[str, RenditionState]] = []

    def after(conn: Connection, rendition: Rendition) -> None:
        followed.append((rendition.language, rendition.state))

    settings = CheckSettings.model_validate({"policy": policy})
    rendition = await run_check(
        wire, CheckStage(wire.database, settings, after=after), story_id, "ja"
    )
    assert rendition.state == state
    assert rendition.check is not None
    assert rendition.check["verdict"] == "review"
    assert [(f["paragraph"], f["check"]) for f in rendition.check["findings"]] == [(1, "dates")]
    assert followed == [("ja", state)]


async def test_a_released_rendition_and_the_source_are_left_alone(wire: Wire) -> None:
    story_id = submit_with_translation(wire, STRIKE_TRANSLATIONS["es"])
    with wire.database.write() as conn:
        released = store.get_rendition(conn, story_id, 1, "es")
        store.save_rendition(conn, replace(released, state=RenditionState.RELEASED))
    stage = CheckStage(wire.database, CheckSettings())
    assert (await run_check(wire, stage, story_id, "es")).check is None
    assert (await run_check(wire, stage, story_id, "en")).check is None


def test_check_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLYWIRE_CHECK__POLICY", "release")
    monkeypatch.setenv("POLYWIRE_CHECK__MINOR_FINDINGS_FOR_REVIEW", "5")
    settings = load_settings().check
    assert (settings.policy, settings.minor_findings_for_review) == ("release", 5)
