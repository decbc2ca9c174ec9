"""While the wire serves the API (with its jobs in worker processes), a submitted story is
extracted and stored in a process of its own (issue 15: in a thread of the serving process,
extraction and the store transaction held the interpreter's lock the API's loop waits for), and
the API answers as it did: the same 201, the same problem for bad input with nothing stored, and
a lost process is replaced without costing the next submission its answer
(`tests/ingest/test_intake_processes.py`: a submission that kills the fresh process too is a
503)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from helpers import spawned_children
from sqlalchemy import event

from polywire.ingest import extract
from polywire.runner import run
from polywire.web.app import create_app
from polywire.wire import Wire

STORY = "Budget vote\n\n" + "The parliament voted today on a budget for the schools. " * 5


@asynccontextmanager
async def served(wire: Wire) -> AsyncIterator[httpx.AsyncClient]:
    """The wire as `polywire serve --no-workers` serves it (the API alone: no job runs, and no
    worker process starts to confuse the count of this process's children)."""
    stop, ready = asyncio.Event(), asyncio.Event()
    serving = asyncio.create_task(
        run(
            wire,
            run_workers=False,
            poll_feeds=False,
            worker_processes=1,
            on_ready=ready.set,
            stop=stop,
        )
    )
    try:
        await asyncio.wait_for(ready.wait(), 30)
        base = f"http://127.0.0.1:{wire.settings.port}"
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            yield client
    finally:
        stop.set()
        await serving


#: The tables a submission's transaction writes.
SUBMISSION_TABLES = ("stories", "versions", "renditions", "submissions", "jobs")


async def test_a_story_submitted_while_serving_is_extracted_and_stored_in_another_process(
    wire: Wire,
) -> None:
    written: list[str] = []

    def note_writes(conn: object, cursor: object, statement: str, *rest: object) -> None:
        table = re.match(r"\s*(?:INSERT INTO|UPDATE)\s+(\w+)", statement)
        if table:
            written.append(table[1])

    async with served(wire) as client:
        event.listen(wire.database.engine, "before_cursor_execute", note_writes)
        try:
            answer = await client.post("/v1/stories", json={"content": STORY, "language": "en"})
        finally:
            event.remove(wire.database.engine, "before_cursor_execute", note_writes)
        assert answer.status_code == 201, answer.text
        story = (await client.get(f"/v1/stories/{answer.json()['id']}")).json()
    assert not set(written) & set(SUBMISSION_TABLES)
    (version,) = story["versions"]
    assert version["headline"] == extract(STORY.encode(), source="content").headline


@pytest.mark.parametrize(
    "body",
    [
        {"content": "Just a headline"},
        {"content": ""},
        {"content": '{"headline": 3}'},
        {"content": STORY, "language": "xx-notatag"},
    ],
)
async def test_bad_input_answers_the_same_problem_served_as_in_process(
    wire: Wire, body: dict[str, str]
) -> None:
    in_process = httpx.ASGITransport(app=create_app(wire))
    async with httpx.AsyncClient(transport=in_process, base_url="http://wire.test") as client:
        expected = await client.post("/v1/stories", json=body)
    assert expected.status_code in (413, 422), expected.text
    async with served(wire) as client:
        answer = await client.post("/v1/stories", json=body)
        assert (answer.status_code, answer.json()) == (expected.status_code, expected.json())
        assert answer.headers["content-type"] == "application/problem+json"
        assert (await client.get("/v1/stories")).json()["stories"] == []


async def test_an_extracting_process_killed_while_idle_costs_no_submission_its_answer(
    wire: Wire,
) -> None:
    others = spawned_children()
    async with served(wire) as client:
        first = await client.post("/v1/stories", json={"content": STORY, "new_story": True})
        assert first.status_code == 201, first.text
        (extracting,) = spawned_children() - others
        os.kill(extracting, signal.SIGKILL)
        again = await client.post(
            "/v1/stories", json={"content": STORY + "Again.", "new_story": True}
        )
        assert again.status_code == 201, again.text  # tried once more on a fresh process
        assert len(spawned_children() - others - {extracting}) == 1
        assert len((await client.get("/v1/stories")).json()["stories"]) == 2
    assert not spawned_children() - others  # stopped with the server
