"""No database call on the event loop of `polywire serve` (issue 15).

One loop serves the API, the live streams and the job workers: a query that waits there (on
SQLite's write lock, on a slow disk, on PostgreSQL across the network) stalls every request and
every stream for as long. Code on the loop hands store work to a thread (`asyncio.to_thread`,
`Database.read_in_thread`, Starlette's thread pool). This test runs the wire as `serve` runs it
and notes every SQL statement executed on a thread that is running an event loop, with the code
that issued it: a blocking call that creeps back fails here with its stack.
"""

from __future__ import annotations

import asyncio
import json
import traceback
from pathlib import Path
from typing import Any

import httpx
import pytest
from deliver.test_stream import next_event, sse_messages
from helpers import free_port
from publish.receiver import Receiver
from sqlalchemy import event

from polywire.config import Settings, load_settings
from polywire.publish.subscribers import parse_spec
from polywire.runner import run
from polywire.store.subscribers import add_subscriber
from polywire.wire import Wire
from spine.samples import STORY


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """`serve` on SQLite (the embedded default), on a loopback port, with a Spanish edition."""
    return load_settings(
        data_dir=tmp_path / "data",
        port=free_port(),
        host="127.0.0.1",
        languages=["es"],
        review={"rules": []},
        deliver={"log_poll_seconds": 0.05},
        publish={"outbound": {"allow_loopback": True}},  # the webhook's receiver is local
    )


class OnTheLoop:
    """Where the code that executed a statement on a thread running an event loop was, once
    each."""

    def __init__(self) -> None:
        self.found: dict[str, None] = {}

    def __call__(self, *_: Any) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # a worker thread: where the store belongs
        ours = [f for f in traceback.extract_stack()[:-1] if "polywire" in f.filename]
        self.found["".join(traceback.format_list(ours[-8:]))] = None


def subscribe(wire: Wire, hook: str) -> str:
    """A desk reading the stream (its token returned) and an outlet with a webhook: the story
    goes through fan-out and delivery too."""
    desk = {"name": "desk", "kind": "desktop", "destinations": [{"channel": "stream"}]}
    outlet = {
        "name": "outlet",
        "kind": "outlet",
        "destinations": [{"channel": "webhook", "address": hook}],
    }
    with wire.database.write() as conn:
        _, token = add_subscriber(conn, parse_spec({**desk, "languages": ["en", "es"]}))
        add_subscriber(conn, parse_spec({**outlet, "languages": ["es"]}))
    return token


async def test_serving_a_story_through_the_pipeline_keeps_the_store_off_the_loop(
    wire: Wire, settings: Settings
) -> None:
    receiver = Receiver()
    token = subscribe(wire, receiver.url("/hook"))
    watch = OnTheLoop()
    event.listen(wire.database.engine, "before_cursor_execute", watch)
    stop, ready = asyncio.Event(), asyncio.Event()
    serving = asyncio.create_task(run(wire, on_ready=ready.set, stop=stop))
    try:
        await asyncio.wait_for(ready.wait(), 30)
        base = f"http://127.0.0.1:{settings.port}"
        async with (
            receiver.running(),
            httpx.AsyncClient(base_url=base, timeout=60) as client,
            client.stream("GET", "/v1/stream", params={"token": token}) as stream,
        ):
            assert stream.status_code == 200
            submitted = await client.post(
                "/v1/stories", json={"content": STORY.decode(), "sectors": ["Business"]}
            )
            assert submitted.status_code == 201, submitted.text
            story_id = submitted.json()["id"]
            messages = sse_messages(stream.aiter_lines())
            released = set()
            while released != {"en", "es"}:
                data = json.loads((await asyncio.wait_for(next_event(messages), 120))["data"])
                assert data["story_id"] == story_id
                released.add(data["language"])
            await receiver.wait_for(1, "/hook", within=60)
            assert (await client.get("/v1/stories")).status_code == 200
            assert (await client.get(f"/v1/stories/{story_id}")).json()["state"] == "released"
    finally:
        stop.set()
        await serving
        event.remove(wire.database.engine, "before_cursor_execute", watch)
    assert not watch.found, "the store was used on the event loop:\n\n" + "\n".join(watch.found)
