"""The store on SQLite and PostgreSQL: migrations, stories, versions, renditions."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from polywire.domain import NotFound, RenditionState
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.store.tables import metadata
from polywire.wire import Wire
from spine.samples import STORY


def test_migrations_create_exactly_the_declared_tables(wire: Wire) -> None:
    with wire.database.read() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_a_new_version_keeps_the_uri_and_increments_version(wire: Wire) -> None:
    first = StoryService(wire).submit(None, STORY, source="story.txt")
    corrected = STORY.replace(b"500 jobs", b"550 jobs")
    second = StoryService(wire).submit(
        None, corrected, source="story.txt", update_of=first.story_id, correction_reason="job count"
    )
    assert (second.story_id, second.version, second.created) == (first.story_id, 2, True)

    view = StoryService(wire).story(None, first.story_id)
    assert view.story.latest_version == 2
    assert [v.version for v in view.versions] == [1, 2]
    assert "550 jobs" in " ".join(view.versions[1].body)
    assert view.versions[1].correction_reason == "job count"
    assert {(r.version, r.language) for r in view.renditions} == {(1, "en"), (2, "en")}
    assert (
        StoryService(wire).ninjs(None, first.story_id)["uri"]
        == StoryService(wire).ninjs(None, first.story_id, version=1)["uri"]
    )


def test_the_same_content_twice_is_one_story(wire: Wire) -> None:
    first = StoryService(wire).submit(None, STORY, source="a.txt")
    again = StoryService(wire).submit(None, STORY, source="b.txt")
    assert again == type(again)(first.story_id, 1, created=False)
    assert StoryService(wire).report(None).stories == 1


def test_renditions_are_saved_idempotently(wire: Wire) -> None:
    submitted = StoryService(wire).submit(None, STORY, source="story.txt")
    with wire.database.write() as conn:
        rendition = store.get_rendition(conn, submitted.story_id, 1, "en")
        rendition.state = RenditionState.CHECKED
        store.save_rendition(conn, rendition)
        store.save_rendition(conn, rendition)
    with wire.database.read() as conn:
        assert len(store.list_renditions(conn, submitted.story_id)) == 1
        assert store.get_rendition(conn, submitted.story_id, 1, "en").state == "checked"


def test_unknown_story_is_not_found(wire: Wire) -> None:
    with pytest.raises(NotFound, match="no such story"):
        StoryService(wire).story(None, "nope")
    with pytest.raises(NotFound):
        StoryService(wire).submit(None, STORY, source="x.txt", update_of="nope")
    assert StoryService(wire).report(None).stories == 0
