"""The translate stage on the store (SQLite and PostgreSQL): renditions, incremental updates
through the translation memory, unsupported languages and failures."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import select

from polywire.bus.base import Lease
from polywire.bus.outbox import enqueue
from polywire.bus.worker import Worker
from polywire.config import Settings, load_settings
from polywire.domain import Rendition, RenditionState
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.store.tables import jobs
from polywire.translate.document import TranslationFailed
from polywire.translate.engines.apertium import ApertiumEngine
from polywire.translate.engines.base import Engine, Model
from polywire.translate.router import Router
from polywire.translate.sql_memory import memory_stats
from polywire.translate.stage import TranslateStage
from polywire.wire import Wire

from .cli import polywire

PLACES = "library bridge school park hospital museum station market stadium harbour theatre"
TEMPLATES = [
    "The council approved the new {} on Monday, and work will start next year in the town.",
    "Residents welcomed the plan for the {}, which the mayor said would open within two years.",
    "The {} will cost less than the old one, the finance office said in a statement on Tuesday.",
]
PARAGRAPHS = [
    TEMPLATES[n % 3].format(place) for n, place in enumerate((PLACES + " " + PLACES).split()[:19])
]
LAST = "Residents can send their questions about the projects to press@example.com this month."
STORY = "Council approves new projects\n\n" + "\n\n".join([*PARAGRAPHS, LAST]) + "\n"


class Counting(Engine):
    """The real Apertium engine, counting the segments it is sent; `garbage` echoes them."""

    name = "apertium"
    description = "Apertium, counted"

    def __init__(self, inner: ApertiumEngine, *, garbage: bool = False) -> None:
        self.inner = inner
        self.garbage = garbage
        self.segments: list[str] = []

    def pairs(self) -> list[tuple[str, str]]:
        return self.inner.pairs()

    def model(self, source: str, target: str) -> Model | None:
        return None

    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        glossary: dict[str, str] | None = None,
    ) -> list[str]:
        self.segments += segments
        if self.garbage:
            return list(segments)
        return self.inner.translate(segments, source, target)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(data_dir=tmp_path / "data", database_url=database_url)


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()


def stage_with(wire: Wire, engine: Engine) -> TranslateStage:
    router = Router({engine.name: engine}, order=[engine.name], pivots=["es"])
    return TranslateStage(wire.settings, wire.database, router)


async def run(
    stage: TranslateStage, story_id: str, version: int, language: str, attempt: int = 1
) -> Rendition:
    payload = {"story_id": story_id, "version": version, "language": language}
    lease = Lease(
        1,
        stage.kind,
        stage.job_key(story_id, version, language),
        payload,
        attempt,
        "t",
        time.time() + 60,
    )
    commit = await stage(lease)
    with stage.database.write() as conn:
        commit(conn)
    with stage.database.read() as conn:
        return store.get_rendition(conn, story_id, version, language)


async def test_translates_a_version_into_a_pending_rendition(
    wire: Wire, apertium: ApertiumEngine
) -> None:
    submitted = StoryService(wire).submit(None, STORY.encode(), source="story.txt", language="en")
    stage = stage_with(wire, Counting(apertium))
    rendition = await run(stage, submitted.story_id, 1, "es")
    assert rendition.state == RenditionState.PENDING
    assert rendition.headline == "El consejo aprueba proyectos nuevos"
    assert len(rendition.body) == len(PARAGRAPHS) + 1
    assert rendition.body[-1] == (
        "Los residentes pueden enviar sus cuestiones sobre los proyectos a press@example.com "
        "este mes."
    )
    assert (rendition.engine, rendition.model, rendition.error) == ("apertium", None, None)
    pt = await run(stage, submitted.story_id, 1, "pt-BR")
    assert pt.state == RenditionState.PENDING
    assert pt.engine == "apertium>apertium (via es)"


async def test_a_new_version_retranslates_only_what_changed(
    wire: Wire, apertium: ApertiumEngine
) -> None:
    first = StoryService(wire).submit(None, STORY.encode(), source="story.txt", language="en")
    engine = Counting(apertium)
    stage = stage_with(wire, engine)
    await run(stage, first.story_id, 1, "es")
    sent_first = len(engine.segments)
    changed = STORY.replace("new library on Monday", "new library on Friday")
    second = StoryService(wire).submit(
        None, changed.encode(), source="story.txt", language="en", update_of=first.story_id
    )
    rendition = await run(stage, first.story_id, second.version, "es")
    assert engine.segments[sent_first:] == [
        "The council approved the new library on Friday, and work will start next year in the town."
    ]
    assert rendition.state == RenditionState.PENDING
    with wire.database.read() as conn:
        stats = memory_stats(conn)
    assert stats["entries"] == sent_first + 1
    assert stats["hits"] == sent_first - 1
    # translating the same version again is harmless and sends nothing to the engine
    again = await run(stage, first.story_id, second.version, "es")
    assert again.body == rendition.body
    assert len(engine.segments) == sent_first + 1


async def test_a_language_no_engine_can_do_is_unsupported(
    wire: Wire, apertium: ApertiumEngine
) -> None:
    submitted = StoryService(wire).submit(None, STORY.encode(), source="story.txt", language="en")
    rendition = await run(stage_with(wire, Counting(apertium)), submitted.story_id, 1, "vi")
    assert rendition.state == RenditionState.UNSUPPORTED
    assert rendition.error == "no engine can translate en → vi (or through es)"
    assert (rendition.headline, rendition.body) == ("", [])


async def test_garbage_is_retried_then_failed_on_the_last_attempt(
    wire: Wire, apertium: ApertiumEngine
) -> None:
    submitted = StoryService(wire).submit(None, STORY.encode(), source="story.txt", language="en")
    stage = stage_with(wire, Counting(apertium, garbage=True))
    with pytest.raises(TranslationFailed, match="returned the source unchanged"):
        await run(stage, submitted.story_id, 1, "es", attempt=1)
    last = wire.settings.jobs.max_attempts
    rendition = await run(stage, submitted.story_id, 1, "es", attempt=last)
    assert rendition.state == RenditionState.FAILED
    assert rendition.error is not None and "segments failed on every route" in rendition.error
    with wire.database.read() as conn:
        assert memory_stats(conn)["entries"] == 0  # garbage is never remembered


async def test_a_released_rendition_is_left_alone(wire: Wire, apertium: ApertiumEngine) -> None:
    submitted = StoryService(wire).submit(None, STORY.encode(), source="story.txt", language="en")
    with wire.database.write() as conn:
        store.save_rendition(
            conn, Rendition(submitted.story_id, 1, "es", RenditionState.RELEASED, headline="Hecho")
        )
    rendition = await run(stage_with(wire, Counting(apertium)), submitted.story_id, 1, "es")
    assert (rendition.state, rendition.headline) == (RenditionState.RELEASED, "Hecho")


def test_translation_memory_command_shows_the_hit_rate(subprocess_env: dict[str, str]) -> None:
    result = polywire(subprocess_env, "translation-memory", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"entries": 0, "hits": 0, "hit_rate": 0.0}
    text = polywire(subprocess_env, "translation-memory")
    assert text.stdout.strip() == "entries: 0  hits: 0  hit rate: 0.0%"


async def test_the_source_rendition_is_left_alone(wire: Wire, apertium: ApertiumEngine) -> None:
    submitted = StoryService(wire).submit(None, STORY.encode(), source="story.txt", language="en")
    rendition = await run(stage_with(wire, Counting(apertium)), submitted.story_id, 1, "en")
    assert rendition.is_source
    assert rendition.headline == "Council approves new projects"


async def test_durable_jobs_one_per_language(wire: Wire, apertium: ApertiumEngine) -> None:
    submitted = StoryService(wire).submit(None, STORY.encode(), source="story.txt", language="en")
    stage = stage_with(wire, Counting(apertium))
    with wire.database.write() as conn:
        for language in ("es", "pt", "vi"):
            payload = {"story_id": submitted.story_id, "version": 1, "language": language}
            enqueue(conn, stage.kind, stage.job_key(submitted.story_id, 1, language), payload)
    worker = Worker(wire.queue, {stage.kind: stage}, concurrency=2, poll_seconds=0.05)
    assert await worker.run_until_idle() == 3
    with wire.database.read() as conn:
        states = {r.language: r.state for r in store.list_renditions(conn, submitted.story_id)}
        jobs_done = (
            conn.execute(select(jobs.c.state).where(jobs.c.kind == stage.kind)).scalars().all()
        )
    assert {language: states[language] for language in ("es", "pt", "vi")} == {
        "es": RenditionState.PENDING,
        "pt": RenditionState.PENDING,
        "vi": RenditionState.UNSUPPORTED,
    }
    assert jobs_done == ["done", "done", "done"]
