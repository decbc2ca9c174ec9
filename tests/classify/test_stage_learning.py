"""The classify stage tags stored versions; an editor's correction changes the next similar
story's tags; publisher choices and corrections survive re-runs. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest

from polywire.bus.base import Lease
from polywire.bus.outbox import enqueue
from polywire.bus.worker import Worker
from polywire.classify.service import ClassificationService, Correction
from polywire.classify.stage import ClassifyStage
from polywire.domain import BadInput, NotFound
from polywire.services import StoryService
from polywire.store import stories as story_store
from polywire.wire import Wire

from .conftest import HACK_A, HACK_B


def _run_stage(stage: ClassifyStage, wire: Wire, story_id: str, version: int = 1) -> None:
    lease = Lease(
        job_id=0,
        kind=stage.kind,
        key=stage.job_key(story_id, version),
        payload={"story_id": story_id, "version": version},
        attempt=1,
        token="t",
        until=0.0,
    )
    commit = asyncio.run(stage(lease))
    with wire.database.write() as conn:
        commit(conn)


def test_stage_writes_tags_on_the_version(wire: Wire) -> None:
    story = StoryService(wire).submit(None, HACK_A.encode(), source="a.txt", language="en")
    stage = ClassifyStage(wire.database, wire.settings)
    _run_stage(stage, wire, story.story_id)
    with wire.database.read() as conn:
        version = story_store.get_version(conn, story.story_id, 1)
    assert version.subjects[0].code == "medtop:04000000"
    assert version.subjects[0].creator == "machine"
    assert 0 < (version.subjects[0].confidence or 0) <= 100
    assert version.sectors == ["Business"]
    assert version.urgency == 5
    ninjs = StoryService(wire).ninjs(None, story.story_id)
    assert ninjs["subjects"][0]["uri"] == "http://cv.iptc.org/newscodes/mediatopic/04000000"


def test_publisher_sectors_survive_reruns(wire: Wire) -> None:
    story = StoryService(wire).submit(
        None, HACK_A.encode(), source="a.txt", language="en", sectors=["Technology"]
    )
    stage = ClassifyStage(wire.database, wire.settings)
    _run_stage(stage, wire, story.story_id)
    _run_stage(stage, wire, story.story_id)
    with wire.database.read() as conn:
        version = story_store.get_version(conn, story.story_id, 1)
    assert version.sectors == ["Technology"]
    assert version.subjects  # topics are still the machine's


def test_a_correction_changes_the_next_similar_story(wire: Wire) -> None:
    first = StoryService(wire).submit(None, HACK_A.encode(), source="a.txt", language="en")
    stage = ClassifyStage(wire.database, wire.settings)
    _run_stage(stage, wire, first.story_id)
    editors = ClassificationService(wire.database, wire.settings.classify)
    corrected = editors.correct(
        first.story_id,
        None,
        Correction(topics=["medtop:02000000", "medtop:20000086"], editor="desk"),
    )
    assert [t["code"] for t in corrected["topics"]] == ["medtop:02000000", "medtop:20000086"]
    assert corrected["sectors"] == ["Crime & Justice"]
    assert corrected["corrected"] is True and corrected["learned_from"] == 1

    second = StoryService(wire).submit(None, HACK_B.encode(), source="b.txt", language="en")
    _run_stage(stage, wire, second.story_id)
    after = editors.current(second.story_id)
    assert after["topics"][0]["code"] == "medtop:02000000"
    assert any(f"story {first.story_id}" in w for w in after["topics"][0]["evidence"])
    assert "medtop:20000086" in [t["code"] for t in after["topics"]]

    # re-running the corrected story's stage keeps the editor's word
    _run_stage(stage, wire, first.story_id)
    with wire.database.read() as conn:
        version = story_store.get_version(conn, first.story_id, 1)
    assert [s.code for s in version.subjects] == ["medtop:02000000", "medtop:20000086"]
    assert {s.creator for s in version.subjects} == {"editor"}


def test_without_corrections_the_similar_story_stays_economic(wire: Wire) -> None:
    story = StoryService(wire).submit(None, HACK_B.encode(), source="b.txt", language="en")
    _run_stage(ClassifyStage(wire.database, wire.settings), wire, story.story_id)
    current = ClassificationService(wire.database, wire.settings.classify).current(story.story_id)
    assert current["topics"][0]["code"] == "medtop:04000000"
    assert current["learned_from"] == 0


BAD_CORRECTIONS = [
    (Correction(topics=["medtop:20000064"]), "medtop:20000064: a retired Media Topic"),
    (Correction(topics=["sports"]), "topic sports: not an IPTC Media Topic code"),
    (Correction(regions=["XX"]), "region XX: not an ISO 3166-1 alpha-2 country code"),
    (Correction(urgency=12), "urgency: 12 is not a ninjs urgency"),
]


def test_bad_corrections_are_refused_and_change_nothing(wire: Wire) -> None:
    story = StoryService(wire).submit(None, HACK_A.encode(), source="a.txt", language="en")
    service = ClassificationService(wire.database, wire.settings.classify)
    for correction, message in BAD_CORRECTIONS:
        with pytest.raises(BadInput, match=message):
            service.correct(story.story_id, None, correction)
    with pytest.raises(NotFound, match="not classified yet"):
        service.current(story.story_id)


def test_stage_runs_as_a_durable_job(wire: Wire) -> None:
    """As the pipeline will run it: a `classify` job in the outbox, leased by a worker."""
    story = StoryService(wire).submit(None, HACK_B.encode(), source="b.txt", language="en")
    stage = ClassifyStage(wire.database, wire.settings)
    with wire.database.write() as conn:
        enqueue(
            conn,
            stage.kind,
            stage.job_key(story.story_id, 1),
            {"story_id": story.story_id, "version": 1},
        )
    worker = Worker(wire.queue, {stage.kind: stage}, concurrency=1)
    assert asyncio.run(worker.run_until_idle()) == 1
    with wire.database.read() as conn:
        version = story_store.get_version(conn, story.story_id, 1)
    assert version.subjects[0].code == "medtop:04000000"
    assert version.sectors == ["Business"]
