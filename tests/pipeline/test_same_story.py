"""A publisher sending an edited story again, without saying it is an update, gets a new version
of the story it already has; a different story stays a story of its own."""

from __future__ import annotations

from pathlib import Path

from spine.samples import STORY, distinct_story

from polywire.config import load_settings
from polywire.services import StoryService
from polywire.wire import Wire


def test_an_edited_resubmission_becomes_a_new_version(tmp_path: Path, database_url: str) -> None:
    wire = Wire(load_settings(data_dir=tmp_path, database_url=database_url, languages=[]))
    try:
        first = StoryService(wire).submit(None, STORY, source="first.txt")
        edited = StoryService(wire).submit(
            None, STORY.replace(b"500 jobs", b"550 jobs"), source="edited.txt"
        )
        other = StoryService(wire).submit(None, distinct_story(3), source="other.txt")
        assert (edited.story_id, edited.version, edited.created) == (first.story_id, 2, True)
        assert other.story_id != first.story_id and other.version == 1
        assert (
            StoryService(wire).story(None, first.story_id).story.uri
            == f"urn:polywire:story:{first.story_id}"
        )
    finally:
        wire.close()
