"""Rows stored before the doors refused lone surrogates (issue 13): SQLite's JSON kept their
`\\ud800` escapes (the audit's `"sectors": ["E\\ud800"]`), and every page, feed, ninjs document,
webhook, e-mail and stream frame made from such a row failed to encode, so its fan-out failed on
every attempt. Read now, they give U+FFFD everywhere. PostgreSQL's JSONB refuses the escape
itself, so there such a row cannot exist, and the store's own writes replace it instead."""

from __future__ import annotations

import asyncio
import email
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email.policy import default
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from deliver.conftest import add_desk, serve
from deliver.test_stream import next_event, sse_messages
from helpers import free_port
from publish.receiver import Receiver
from sqlalchemy import text as sql
from sqlalchemy.exc import DataError

from polywire.config import Settings, load_settings
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store.subscribers import add_subscriber
from polywire.web.app import create_app
from polywire.web.live import live_for
from polywire.wire import Wire
from surrogates.conftest import STORY, SURFACES

HOOK_FORMATS = ("ninjs2", "ninjs3", "json", "text")


@dataclass
class Mailbox:
    received: list[bytes] = field(default_factory=list)
    port: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope.original_content)
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    handler = Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def settings(tmp_path: Path, database_url: str, mailbox: Mailbox) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        languages=[],
        deliver={"public_url": "http://wire.test", "smtp_port": mailbox.port},
        publish={"outbound": {"allow_loopback": True}},
    )


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with Receiver().running() as running:
        yield running


def _subscribe(wire: Wire, receiver: Receiver) -> None:
    hooks = [{"channel": "webhook", "format": f, "address": receiver.url(f)} for f in HOOK_FORMATS]
    outlet = {"name": "outlet", "kind": "outlet", "languages": ["en"], "destinations": hooks}
    reader = {
        "name": "reader",
        "kind": "journalist",
        "languages": ["en"],
        "destinations": [{"channel": "email", "address": "sam@desk.test"}],
    }
    with wire.database.write() as conn:
        for spec in (outlet, reader):
            add_subscriber(conn, parse_spec(spec))


def _store_a_surrogate_as_before(wire: Wire, story_id: str) -> None:
    """What the doors let into SQLite before: the JSON escape of a lone surrogate in the
    sectors, the body and the source rendition's body, written as the store wrote it."""
    with wire.database.write() as conn:
        conn.exec_driver_sql(
            "UPDATE versions SET sectors = ?, body = replace(body, 'Harbor Valley', ?) "
            "WHERE story_id = ?",
            ('["E\\ud800"]', "Harbor \\ud800Valley", story_id),
        )
        conn.exec_driver_sql(
            "UPDATE renditions SET body = replace(body, 'Harbor Valley', ?) WHERE story_id = ?",
            ("Harbor \\ud800Valley", story_id),
        )


def _log_a_surrogate_as_before(wire: Wire) -> None:
    with wire.database.write() as conn:
        conn.exec_driver_sql(
            "UPDATE events SET payload = replace(payload, '\"Harbor Valley', ?)",
            ('"Harbor \\udc00Valley',),
        )


async def test_a_row_with_a_lone_surrogate_is_read_on_every_surface(
    wire: Wire, receiver: Receiver, mailbox: Mailbox
) -> None:
    _subscribe(wire, receiver)
    desk = add_desk(wire, ["en"])
    submitted = StoryService(wire).submit(
        None, STORY.encode(), source="solar.txt", sectors=["Energy"], languages=[]
    )
    story_id = submitted.story_id
    if wire.database.dialect == "sqlite":
        _store_a_surrogate_as_before(wire, story_id)
    else:
        with pytest.raises(DataError, match="surrogate"), wire.database.write() as conn:
            conn.execute(
                sql("UPDATE versions SET sectors = CAST(:sectors AS JSONB)"),
                {"sectors": '["E\\ud800"]'},
            )
        story_id = (
            StoryService(wire)
            .submit(
                None,
                STORY.replace("The farm", "The new farm").encode(),
                source="solar.txt",
                sectors=["E\ud800"],  # past every door, the store still writes text
                languages=[],
            )
            .story_id
        )
    await wire.worker().run_until_idle()
    if wire.database.dialect == "sqlite":
        _log_a_surrogate_as_before(wire)

    # fan-out: every webhook format and the e-mail went out, first time
    # one release: on PostgreSQL the first version was superseded before its release job ran,
    # and a superseded version never goes out
    released = 1
    await receiver.wait_for(len(HOOK_FORMATS) * released)
    bodies = [(a.path, a.body.decode("utf-8")) for a in receiver.arrivals]
    replaced = [path for path, body in bodies if "E\ufffd" in body or "E\\ufffd" in body]
    assert sorted(replaced) == sorted(HOOK_FORMATS)
    assert len(mailbox.received) == released
    html = email.message_from_bytes(mailbox.received[-1], policy=default).get_body(("html",))
    assert html is not None and "E\ufffd" in html.get_content()

    # the public newsroom, the feeds and the API
    version = (
        StoryService(wire).story(None, story_id).versions[-1]
    )  # on PostgreSQL: the second version
    assert version.sectors == ["E\ufffd"]
    transport = httpx.ASGITransport(app=create_app(wire))
    async with httpx.AsyncClient(transport=transport, base_url="http://wire.test") as client:
        for path in SURFACES:
            answer = await client.get(path.format(id=story_id))
            assert answer.status_code == 200, (path, answer.text[:300])
        ninjs = (await client.get(f"/v1/stories/{story_id}/ninjs")).json()
        assert {"name": "E\ufffd", "rel": "sector"} in ninjs["subjects"]
    live = live_for(wire)
    live.broadcaster.close_all()
    await live.tail.stop()

    # a live-stream client resuming from before the release gets it
    async with serve(create_app(wire)) as url:
        async with (
            httpx.AsyncClient(base_url=url, timeout=10) as stream_client,
            stream_client.stream(
                "GET", "/v1/stream", params={"token": desk}, headers={"Last-Event-ID": "0"}
            ) as response,
        ):
            assert response.status_code == 200
            event = await asyncio.wait_for(next_event(sse_messages(response.aiter_lines())), 10)
            data = json.loads(event["data"])
            assert data["story_id"] == story_id
            if wire.database.dialect == "sqlite":  # the event logged before, read now
                assert data["headline"].startswith("Harbor \ufffdValley")
        live.broadcaster.close_all()
    await live.tail.stop()
