"""The live stream over a real socket: token, server-side filters, `id:` = event sequence,
resume from Last-Event-ID, heartbeats."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from deliver.conftest import add_desk, release
from polywire.domain import Event
from polywire.publish.feeds import broadcast
from polywire.web.live import live_for
from polywire.wire import Wire


async def sse_messages(lines: AsyncIterator[str]) -> AsyncIterator[dict[str, Any]]:
    """Parse Server-Sent Events: yields {'id', 'event', 'data'} or {'comment'}."""
    message: dict[str, Any] = {}
    async for line in lines:
        if line == "":
            if message:
                yield message
            message = {}
        elif line.startswith(":"):
            yield {"comment": line[1:].strip()}
        else:
            field, _, value = line.partition(":")
            message[field] = value.removeprefix(" ")


async def next_event(messages: AsyncIterator[dict[str, Any]]) -> dict[str, Any]:
    async for message in messages:
        if "data" in message:
            return message
    raise AssertionError("the stream ended")


@pytest.fixture
def fast_heartbeat(wire: Wire) -> None:
    live_for(wire).broadcaster.heartbeat_seconds = 0.1


async def test_stream_needs_a_valid_token(server: str) -> None:
    async with httpx.AsyncClient(base_url=server) as client:
        response = await client.get("/v1/stream", params={"token": "nope"})
    assert response.status_code == 401
    assert response.json()["detail"] == "the stream needs a valid token"


async def test_live_events_filtered_by_sector_with_sequence_ids(
    wire: Wire, server: str, fast_heartbeat: None
) -> None:
    desk = add_desk(wire, ["en"])
    async with (
        httpx.AsyncClient(base_url=server, timeout=10) as client,
        client.stream("GET", "/v1/stream", params={"token": desk, "sectors": "Energy"}) as response,
    ):
        assert response.headers["content-type"].startswith("text/event-stream")
        messages = sse_messages(response.aiter_lines())
        assert await anext(messages) == {"retry": "1000"}
        await release(wire, "rail", ["Transport"])
        solar = await release(wire, "solar", ["Energy"])
        event = await next_event(messages)
        data = json.loads(event["data"])
        assert event["event"] == "released"
        assert data["story_id"] == solar and data["language"] == "en"
        assert data["headline"] == "Harbor Valley opens a community solar farm"
        assert event["id"] == str(data["seq"]) == str(wire.events.last_seq())
        assert await anext(messages) == {"comment": "heartbeat"}


async def test_token_limits_what_the_filters_can_ask_for(wire: Wire, server: str) -> None:
    desk = add_desk(wire, ["en", "ar"], ["Energy"])
    await release(wire, "rail", ["Transport"])
    solar = await release(wire, "solar", ["Energy"])
    async with (
        httpx.AsyncClient(base_url=server, timeout=10) as client,
        client.stream(
            "GET",
            "/v1/stream",
            params={"token": desk, "sectors": "Energy,Transport"},
            headers={"Last-Event-ID": "0"},
        ) as response,
    ):
        messages = sse_messages(response.aiter_lines())
        replayed = await next_event(messages)
        assert json.loads(replayed["data"])["story_id"] == solar


async def test_resume_replays_missed_events_once_then_goes_live(wire: Wire, server: str) -> None:
    desk = add_desk(wire, ["en", "ar"])
    first = await release(wire, "solar", ["Energy"])
    second = await release(wire, "rail", ["Transport"])
    first_seq = wire.events.last_seq() - 1
    async with (
        httpx.AsyncClient(base_url=server, timeout=10) as client,
        client.stream(
            "GET", "/v1/stream", params={"token": desk, "last_event_id": first_seq}
        ) as response,
    ):
        messages = sse_messages(response.aiter_lines())
        replayed = json.loads((await next_event(messages))["data"])
        assert replayed["story_id"] == second
        third = await release(wire, "clinic", ["Health"])
        live = json.loads((await next_event(messages))["data"])
        assert (live["story_id"], live["language"]) == (third, "ar")
        assert first not in (second, third)


async def test_a_bad_last_event_id_is_refused(wire: Wire, server: str) -> None:
    desk = add_desk(wire, ["en", "ar"])
    async with httpx.AsyncClient(base_url=server) as client:
        response = await client.get(
            "/v1/stream", params={"token": desk}, headers={"Last-Event-ID": "abc"}
        )
    assert response.status_code == 422
    assert "Last-Event-ID 'abc': not a number" in response.json()["detail"]


async def test_one_encoding_per_event_whatever_the_number_of_clients(
    wire: Wire, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = add_desk(wire, ["en", "ar"])
    encoded: list[int] = []
    encode = broadcast.encode_event

    def counting_encode(event: Event) -> bytes:
        encoded.append(event.seq)
        return encode(event)

    monkeypatch.setattr(broadcast, "encode_event", counting_encode)
    async with contextlib.AsyncExitStack() as stack:
        client = await stack.enter_async_context(httpx.AsyncClient(base_url=server, timeout=10))
        readers = []
        for _ in range(3):
            response = await stack.enter_async_context(
                client.stream("GET", "/v1/stream", params={"token": desk})
            )
            readers.append(sse_messages(response.aiter_lines()))
            await anext(readers[-1])
        await release(wire, "solar", ["Energy"])
        frames = [await next_event(reader) for reader in readers]
    assert len({(f["id"], f["data"]) for f in frames}) == 1
    assert encoded == [int(frames[0]["id"])]
