"""Same-story matching across languages: translations match, same-week stories on the same
topic (the hard negatives) do not, and ingest can find the stored story a translation belongs to."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from check.corpus import (
    SOLAR,
    SOLAR_RIVAL,
    SOLAR_TRANSLATIONS,
    STORIES,
    STRIKE,
    STRIKE_FOLLOW_UP,
    STRIKE_TRANSLATIONS,
)
from check.test_cli import write_story
from polywire.check import Text
from polywire.config import load_settings
from polywire.match.candidates import find_translated_story
from polywire.match.same_story import match_stories
from polywire.services import StoryService
from polywire.store.types import utcnow
from polywire.wire import Wire

TRANSLATIONS = [(s, t) for s, ts in STORIES for t in ts.values()]


@pytest.mark.parametrize(
    ("source", "translation"),
    TRANSLATIONS,
    ids=[f"{s.language}-{t.language}" for s, t in TRANSLATIONS],
)
def test_a_translation_is_the_same_story(source: Text, translation: Text) -> None:
    result = match_stories(source, translation)
    assert result.same_story, result
    assert match_stories(translation, source).same_story


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (STRIKE, STRIKE_FOLLOW_UP),
        (STRIKE_TRANSLATIONS["ru"], STRIKE_FOLLOW_UP),
        (SOLAR, SOLAR_RIVAL),
        (SOLAR_TRANSLATIONS["ja"], SOLAR_RIVAL),
        (SOLAR, STRIKE_TRANSLATIONS["es"]),
    ],
    ids=["strike-follow-up", "ru-strike-follow-up", "solar-rival", "ja-solar-rival", "unrelated"],
)
def test_a_story_on_the_same_topic_is_not_the_same_story(a: Text, b: Text) -> None:
    result = match_stories(a, b)
    assert not result.same_story, result


def test_stories_far_apart_in_time_are_not_the_same_story() -> None:
    now = utcnow()
    result = match_stories(
        SOLAR, SOLAR_TRANSLATIONS["de"], a_time=now, b_time=now + timedelta(days=30)
    )
    assert not result.same_story
    assert "720 hours apart" in result.evidence[0]


def test_match_json_follows_the_contract(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    a = write_story(tmp_path / "a.txt", STRIKE)
    b = write_story(tmp_path / "b.txt", STRIKE_TRANSLATIONS["ar"])
    result = subprocess.run(
        [sys.executable, "-m", "polywire", "match", a, b, "--json"],
        capture_output=True,
        text=True,
        env=subprocess_env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"same_story", "score", "evidence"}
    assert document["same_story"] is True
    assert 0.6 <= document["score"] <= 1.0
    assert any(line.startswith("numbers: ") for line in document["evidence"])


def test_ingest_finds_the_stored_story_a_translation_belongs_to(
    tmp_path: Path, database_url: str
) -> None:
    wire = Wire(load_settings(data_dir=tmp_path / "data", database_url=database_url))
    try:
        for story in (STRIKE, SOLAR):
            body = "\n\n".join([story.headline, *story.paragraphs]).encode()
            StoryService(wire).submit(None, body, source=f"{story.headline}.txt", language="en")
        ids = {s.uri: s.id for s in StoryService(wire).stories(None)}
        with wire.database.read() as conn:
            found = find_translated_story(conn, SOLAR_TRANSLATIONS["ko"], utcnow())
            rival = find_translated_story(conn, STRIKE_FOLLOW_UP, utcnow())
            later = find_translated_story(
                conn, SOLAR_TRANSLATIONS["ko"], utcnow() + timedelta(days=10)
            )
    finally:
        wire.close()
    assert found is not None
    version, result = found
    assert version.headline == SOLAR.headline
    assert version.story_id in ids.values()
    assert result.same_story
    assert rival is None
    assert later is None


def test_a_partner_translation_becomes_a_checked_rendition_of_our_story(
    tmp_path: Path, database_url: str
) -> None:
    """Submitted on its own, a German translation of a story we hold is linked to it: it becomes
    the story's German rendition, is checked like our own translations and released."""
    wire = Wire(load_settings(data_dir=tmp_path / "data", database_url=database_url, languages=[]))
    try:
        english = "\n\n".join([SOLAR.headline, *SOLAR.paragraphs]).encode()
        ours = StoryService(wire).submit(None, english, source="solar.txt", language="en")
        german = SOLAR_TRANSLATIONS["de"]
        partner = "\n\n".join([german.headline, *german.paragraphs]).encode()
        linked = StoryService(wire).submit(None, partner, source="partner-de.txt", language="de")
        assert (linked.story_id, linked.version) == (ours.story_id, ours.version)
        asyncio.run(wire.worker().run_until_idle())
        view = StoryService(wire).story(None, ours.story_id)
    finally:
        wire.close()
    renditions = {r.language: r for r in view.renditions}
    assert set(renditions) == {"en", "de"}
    assert renditions["de"].engine == "received"
    assert renditions["de"].check is not None
    assert renditions["de"].check["verdict"] == "pass"
    assert renditions["de"].state.value == "released"
