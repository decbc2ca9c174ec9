"""Versions of a story go out in order: a version superseded before its release job ran (a
crash, a retry, a slow translation) is never released after its successor (issue 16, finding 5:
after a crash, version 1 of a story was released and delivered 40 s after version 2)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from spine.samples import STORY

from polywire.config import load_settings
from polywire.domain import RenditionState
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.wire import Wire


def test_a_superseded_version_is_never_released_after_its_successor(
    tmp_path: Path, database_url: str
) -> None:
    wire = Wire(load_settings(data_dir=tmp_path, database_url=database_url, languages=[]))
    try:
        stories = StoryService(wire)
        first = stories.submit(None, STORY, source="v1.txt")  # its jobs wait, as after a crash
        second = stories.submit(
            None, STORY.replace(b"500 jobs", b"550 jobs"), source="v2.txt", update_of=first.story_id
        )
        asyncio.run(wire.worker().run_until_idle())
        released = [
            (e.version, e.language) for e in wire.events.read() if e.story_id == first.story_id
        ]
        assert released == [(second.version, "en")]
        with wire.database.read() as conn:
            superseded = store.get_rendition(conn, first.story_id, 1, "en")
        assert superseded.state != RenditionState.RELEASED
        assert StoryService(wire).story(None, first.story_id).story.state.value == "released"
    finally:
        wire.close()
