"""Open live streams follow their subscriber: an edit (in this process or another) changes what the
same connection gets from then on, a removal closes it; the public stream has no token to
re-check and goes on."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Collection
from typing import Any
from unittest.mock import Mock

import httpx
import pytest

from deliver.conftest import release
from deliver.test_stream import next_event, sse_messages
from polywire.bus.base import EventLog
from polywire.config import Settings
from polywire.publish.feeds.broadcast import Broadcaster, TokenCheckMany
from polywire.publish.feeds.selection import Selection
from polywire.publish.subscribers import parse_edit, parse_spec
from polywire.store import subscribers as store
from polywire.web.live import live_for
from polywire.wire import Wire


@pytest.fixture
def settings(settings: Settings) -> Settings:
    deliver = settings.deliver.model_copy(update={"stream_regrant_seconds": 0.05})
    return settings.model_copy(update={"deliver": deliver})


def add_desk(wire: Wire, languages: list[str]) -> tuple[str, str]:
    """A desktop subscriber; returns its id and its token."""
    spec = parse_spec(
        {
            "name": "desk",
            "kind": "desktop",
            "languages": languages,
            "destinations": [{"channel": "stream"}],
        }
    )
    with wire.database.write() as conn:
        subscriber, token = store.add_subscriber(conn, spec)
    return subscriber.id, token


def next_regrant(broadcaster: Broadcaster, monkeypatch: pytest.MonkeyPatch) -> asyncio.Future[None]:
    """Done when a regrant that starts from now on (so reads the store as it is now) is over."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    regrant = broadcaster.regrant

    async def regrant_and_tell(check_many: TokenCheckMany) -> None:
        await regrant(check_many)
        if not done.done():
            done.set_result(None)

    monkeypatch.setattr(broadcaster, "regrant", regrant_and_tell)
    return done


async def released(messages: AsyncIterator[dict[str, Any]]) -> tuple[str, str]:
    data = json.loads((await next_event(messages))["data"])
    return data["story_id"], data["language"]


async def test_an_edit_in_another_process_reaches_the_open_stream(
    wire: Wire, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    subscriber_id, token = add_desk(wire, ["es"])
    async with (
        httpx.AsyncClient(base_url=server, timeout=10) as client,
        client.stream("GET", "/v1/stream", params={"token": token}) as response,
    ):
        messages = sse_messages(response.aiter_lines())
        assert await anext(messages) == {"retry": "1000"}
        cooperativa = await release(wire, "cooperativa", ["Energy"])
        assert await released(messages) == (cooperativa, "es")

        with wire.database.write() as conn:  # as `polywire subscribers edit` does
            store.edit_subscriber(conn, subscriber_id, parse_edit({"languages": ["fr"]}))
        await asyncio.wait_for(next_regrant(live_for(wire).broadcaster, monkeypatch), 10)

        await release(wire, "cooperativa", ["Transport"], language="es")
        greve = await release(wire, "greve", ["Transport"], language="fr")
        assert await released(messages) == (greve, "fr")  # the es one was not sent


async def test_an_edit_through_the_api_reaches_the_open_stream_at_once(
    wire: Wire, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    broadcaster = live_for(wire).broadcaster
    broadcaster.regrant_seconds = 3600  # only the edit itself can regrant in this test
    subscriber_id, token = add_desk(wire, ["es"])
    async with (
        httpx.AsyncClient(base_url=server, timeout=10) as client,
        client.stream(
            "GET", "/v1/stream", params={"token": token, "languages": "es,fr"}
        ) as response,
    ):
        messages = sse_messages(response.aiter_lines())
        await anext(messages)
        regranted = next_regrant(broadcaster, monkeypatch)
        edited = await client.patch(f"/v1/subscribers/{subscriber_id}", json={"languages": ["fr"]})
        assert edited.status_code == 200
        await asyncio.wait_for(regranted, 10)

        await release(wire, "cooperativa", ["Energy"], language="es")
        greve = await release(wire, "greve", ["Transport"], language="fr")
        assert await released(messages) == (greve, "fr")


async def test_a_removed_subscribers_stream_is_closed_and_the_public_one_goes_on(
    wire: Wire, server: str
) -> None:
    subscriber_id, token = add_desk(wire, ["en"])
    async with (
        httpx.AsyncClient(base_url=server, timeout=10) as client,
        client.stream("GET", "/v1/stream", params={"token": token}) as desk,
        client.stream("GET", "/newsroom/stream", params={"languages": "en"}) as public,
    ):
        desk_messages = sse_messages(desk.aiter_lines())
        public_messages = sse_messages(public.aiter_lines())
        assert await anext(desk_messages) == await anext(public_messages) == {"retry": "1000"}

        with wire.database.write() as conn:
            store.remove_subscriber(conn, subscriber_id)

        async def drain() -> list[dict[str, Any]]:
            return [message async for message in desk_messages]

        left = await asyncio.wait_for(drain(), 10)  # the server ended the response
        assert all("data" not in message for message in left)
        refused = await client.get("/v1/stream", params={"token": token})
        assert refused.status_code == 401

        solar = await release(wire, "solar", ["Energy"])
        assert await released(public_messages) == (solar, "en")


class FakeCheck:
    """Grants what it was told, and notes each call."""

    def __init__(self, grants: dict[str, Selection]) -> None:
        self.grants = grants
        self.calls: list[set[str]] = []

    def __call__(self, tokens: Collection[str]) -> dict[str, Selection]:
        self.calls.append(set(tokens))
        return {t: self.grants[t] for t in tokens if t in self.grants}


async def test_regrant_checks_every_token_once_narrows_and_closes() -> None:
    broadcaster = Broadcaster(Mock(spec=EventLog), heartbeat_seconds=3600, queue_events=8)
    es_fr = Selection.of(["es", "fr"])
    plain = [broadcaster.add(es_fr, token="kept") for _ in range(2)]
    narrowed = broadcaster.add(Selection.of(["es"]), token="kept", asked=Selection.of(["es"]))
    removed = broadcaster.add(Selection(), token="gone")
    public = broadcaster.add(Selection.of(["es"]), asked=Selection.of(["es"]))
    check = FakeCheck({"kept": Selection.of(["fr", "de"])})

    await broadcaster.regrant(check)

    assert check.calls == [{"kept", "gone"}]
    assert plain[0].selection == Selection.of(["fr", "de"])
    assert plain[0].selection is plain[1].selection  # shared, not one per client
    assert narrowed.selection == Selection(frozenset(), None)  # es no longer granted
    assert removed.closed and not any(c.closed for c in (*plain, narrowed, public))
    assert public.selection == Selection.of(["es"])
    broadcaster.close_all()


async def test_a_failed_check_leaves_the_streams_open_until_one_succeeds(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls: list[int] = []

    def check(tokens: Collection[str]) -> dict[str, Selection]:
        calls.append(len(calls))
        if len(calls) == 1:
            raise OSError("the database is unreachable")
        return {}

    broadcaster = Broadcaster(
        Mock(spec=EventLog),
        heartbeat_seconds=3600,
        queue_events=8,
        regrant_seconds=0.01,
        check_many=check,
    )
    client = broadcaster.add(Selection(), token="gone")
    assert await asyncio.wait_for(client.next_frames(), 10) == []  # closed by the second check
    assert client.closed and calls == [0, 1]
    assert "re-checking the live streams' tokens failed" in caplog.text
