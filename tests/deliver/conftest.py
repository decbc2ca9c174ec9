"""A wire on SQLite and PostgreSQL with stories released through the real pipeline."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from helpers import free_port

from polywire.config import Settings, load_settings
from polywire.services import StoryService
from polywire.web.server import EmbeddedServer
from polywire.wire import Wire

STORIES = {
    "solar": (
        "Harbor Valley opens a community solar farm\n\n"
        "PORTLAND (Polywire) – Harbor Valley Energy Cooperative opened a 40-megawatt solar "
        "farm on Tuesday, owned by its own customers.\n\n"
        "The farm covers 210 acres and will power about 7,800 homes a year.\n"
    ),
    "rail": (
        "Rail workers call a two-day strike\n\n"
        "LYON (Polywire) – Rail workers will strike on Thursday and Friday over pay, the "
        "union said, halting most regional trains.\n\n"
        "The operator said it would run one train in three on the main lines.\n"
    ),
    "cooperativa": (
        "Una cooperativa de Harbor Valley abre un parque solar\n\n"
        "La Cooperativa Energética de Harbor Valley inauguró el martes un parque solar de 40 "
        "megavatios, propiedad de sus propios clientes.\n\n"
        "El parque ocupa 85 hectáreas y abastecerá a unos 7.800 hogares al año.\n"
    ),
    "greve": (
        "Les cheminots lancent une grève de deux jours\n\n"
        "LYON (Polywire) – Les cheminots feront grève jeudi et vendredi pour les salaires, a "
        "annoncé le syndicat, ce qui arrêtera la plupart des trains régionaux.\n\n"
        "L'exploitant a indiqué qu'il ferait circuler un train sur trois sur les grandes lignes.\n"
    ),
    "clinic": (
        "عيادة جديدة تفتح أبوابها في عمّان\n\n"
        "عمّان (Polywire) – افتتحت مجموعة صحية عيادة جديدة في عمّان يوم الاثنين لخدمة أكثر "
        "من عشرين ألف مريض سنويا.\n\n"
        "وقالت المجموعة إن العيادة ستعمل على مدار الساعة طوال أيام الأسبوع.\n"
    ),
}


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        deliver={"public_url": "http://wire.test", "log_poll_seconds": 0.05},
        publish={"outbound": {"allow_loopback": True}},  # receivers in the tests are local
        review={"rules": []},  # translations that pass go out (the policy: tests/review)
    )


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()


async def release(wire: Wire, name: str, sectors: list[str], language: str | None = None) -> str:
    """Submit one of STORIES (in its own language only) and run the pipeline until it is
    released and announced; returns the story id."""
    submitted = StoryService(wire).submit(
        None,
        STORIES[name].encode(),
        source=f"{name}.txt",
        sectors=sectors,
        language=language,
        languages=[],
    )
    await wire.worker().run_until_idle()
    return submitted.story_id


@pytest.fixture
async def client(wire: Wire) -> AsyncIterator[httpx.AsyncClient]:
    from polywire.web.app import create_app

    transport = httpx.ASGITransport(app=create_app(wire))
    async with httpx.AsyncClient(transport=transport, base_url="http://wire.test") as opened:
        yield opened


@contextlib.asynccontextmanager
async def serve(app: Any) -> AsyncIterator[str]:
    """Serve an ASGI app on a loopback port in this event loop; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=2,
    )
    served = EmbeddedServer(config)
    serving = asyncio.create_task(served.serve())
    await served.listening.wait()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        served.should_exit = True
        await serving


@pytest.fixture
async def server(wire: Wire) -> AsyncIterator[str]:
    """The wire's HTTP app served on a loopback port; yields its base URL."""
    from polywire.web.app import create_app
    from polywire.web.live import live_for

    live = live_for(wire)
    async with serve(create_app(wire)) as url:
        yield url
        live.broadcaster.close_all()
    await live.tail.stop()


def add_desk(wire: Wire, languages: list[str], sectors: list[str] | None = None) -> str:
    """A desktop subscriber; returns its token for feeds and the stream."""
    from polywire.publish.subscribers import parse_spec
    from polywire.store.subscribers import add_subscriber

    spec = parse_spec(
        {
            "name": "desk",
            "kind": "desktop",
            "languages": languages,
            "sectors": sectors or [],
            "destinations": [{"channel": "stream"}],
        }
    )
    with wire.database.write() as conn:
        _, token = add_subscriber(conn, spec)
    return token
