"""A story whose Spanish translation the fidelity check held for review (a number changed), on
a wire that asks for API tokens: an admin, an editor and two publishers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from publish.flow import Flow
from publish.receiver import Receiver

from polywire.config import Settings, load_settings
from polywire.domain import Rendition, RenditionState, Role, Scope
from polywire.services import StoryService
from polywire.store import accounts
from polywire.store import stories as store
from polywire.wire import Wire

PASSWORD = "a long test password"
STORY = (
    "Acme opens a solar plant in Leeds\n\n"
    "LEEDS (Polywire) – Acme Ltd opened a solar plant in Leeds on Monday, creating 500 jobs.\n\n"
    "The plant will make 20,000 panels a year from 2027.\n"
).encode()
SPANISH_HEADLINE = "Acme abre una planta solar en Leeds"


def spanish(jobs: str) -> list[str]:
    """The Spanish body; the source says 500 jobs."""
    return [
        f"Acme Ltd abrió el lunes una planta solar en Leeds que crea {jobs} empleos.",
        "La planta fabricará 20.000 paneles al año a partir de 2027.",
    ]


def wire_settings(data_dir: Path, database_url: str | None = None) -> Settings:
    return load_settings(
        data_dir=data_dir,
        database_url=database_url,
        languages=[],
        auth={"required": True},
        publish={"outbound": {"allow_loopback": True}},
    )


def held_story(wire: Wire, publisher: str = "acme") -> str:
    """A story released in English whose Spanish (600 jobs, not 500) is held for review: the
    translation arrives from elsewhere and goes through the wire's own check stage."""
    story_id = (
        StoryService(wire)
        .submit(None, STORY, source="story.txt", language="en", publisher=publisher)
        .story_id
    )
    with wire.database.write() as conn:
        rendition = Rendition(
            story_id,
            1,
            "es",
            RenditionState.PENDING,
            headline=SPANISH_HEADLINE,
            body=spanish("600"),
            engine="received",
        )
        store.save_rendition(conn, rendition)
        wire.pipeline.check_received(conn, rendition)
    return story_id


def received_in_spanish(
    wire: Wire, jobs: str, *, publisher: str = "acme", embargoed: datetime | None = None
) -> str:
    """A story of its own (`jobs` jobs) whose faithful Spanish is received from a partner wire
    and checked by the wire's own check stage; its jobs are run."""
    story_id = (
        StoryService(wire)
        .submit(
            None,
            STORY.replace(b"500", jobs.encode()),
            source=f"{jobs}.txt",
            language="en",
            publisher=publisher,
            new_story=True,
            embargoed=embargoed,
        )
        .story_id
    )
    with wire.database.write() as conn:
        rendition = Rendition(
            story_id,
            1,
            "es",
            RenditionState.PENDING,
            headline=SPANISH_HEADLINE,
            body=spanish(jobs),
            engine="received",
        )
        store.save_rendition(conn, rendition)
        wire.pipeline.check_received(conn, rendition)
    run_jobs(wire)
    return story_id


def state_of(wire: Wire, story_id: str, language: str = "es") -> RenditionState:
    with wire.database.read() as conn:
        return store.get_rendition(conn, story_id, 1, language).state


def token_for(wire: Wire, user: str) -> dict[str, str]:
    with wire.database.write() as conn:
        _, token = accounts.add_token(conn, user, "test", [Scope.READ, Scope.WRITE])
    return {"Authorization": f"Bearer {token}"}


def add_people(wire: Wire) -> None:
    with wire.database.write() as conn:
        accounts.add_user(conn, "ada", PASSWORD, Role.ADMIN, None)
        accounts.add_user(conn, "eve", PASSWORD, Role.EDITOR, "acme")
        accounts.add_user(conn, "acme", PASSWORD, Role.PUBLISHER, "acme")
        accounts.add_user(conn, "globex", PASSWORD, Role.PUBLISHER, "globex")


def run_jobs(wire: Wire) -> None:
    asyncio.run(wire.worker().run_until_idle())


@pytest.fixture
def wire(tmp_path: Path, database_url: str) -> Iterator[Wire]:
    opened = Wire(wire_settings(tmp_path / "data", database_url))
    add_people(opened)
    yield opened
    opened.close()


@pytest.fixture
async def flow(wire: Wire) -> AsyncIterator[Flow]:
    running = Flow(wire)
    yield running
    await running.close()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with Receiver().running() as running:
        yield running


@pytest.fixture
def client(wire: Wire) -> Iterator[TestClient]:
    from polywire.web.app import create_app

    with TestClient(create_app(wire)) as test_client:
        yield test_client
