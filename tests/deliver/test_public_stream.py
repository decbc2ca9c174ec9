"""The public newsroom's stream (`/newsroom/stream`): released stories without a token, narrowed
by language and sector, resumed from where the page's list was read."""

from __future__ import annotations

import json

import httpx

from deliver.conftest import release
from deliver.test_stream import next_event, sse_messages
from polywire.wire import Wire


async def test_released_stories_stream_to_anyone_by_language_and_sector(
    wire: Wire, server: str
) -> None:
    async with httpx.AsyncClient(base_url=server) as client:
        page = await client.get("/news/en", params={"sector": "Energy"})
    assert 'data-stream="/newsroom/stream?languages=en&amp;sectors=Energy&amp;last_event_id=0"' in (
        page.text
    )
    async with (
        httpx.AsyncClient(base_url=server, timeout=10) as client,
        client.stream(
            "GET", "/newsroom/stream", params={"languages": "en", "sectors": "Energy"}
        ) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        messages = sse_messages(response.aiter_lines())
        assert await anext(messages) == {"retry": "1000"}
        await release(wire, "rail", ["Transport"])
        solar = await release(wire, "solar", ["Energy"])
        event = await next_event(messages)
        data = json.loads(event["data"])
        assert (event["event"], data["story_id"], data["language"]) == ("released", solar, "en")
        assert data["headline"] == "Harbor Valley opens a community solar farm"
        assert data["pubstatus"] == "usable"


async def test_the_public_stream_resumes_from_the_position_given(wire: Wire, server: str) -> None:
    await release(wire, "solar", ["Energy"])
    after = wire.events.last_seq()
    rail = await release(wire, "rail", ["Transport"])
    async with (
        httpx.AsyncClient(base_url=server, timeout=10) as client,
        client.stream("GET", "/newsroom/stream", params={"last_event_id": after}) as response,
    ):
        replayed = json.loads((await next_event(sse_messages(response.aiter_lines())))["data"])
    assert replayed["story_id"] == rail
