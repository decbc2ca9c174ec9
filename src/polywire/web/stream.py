"""`GET /v1/stream`: the live stream for desktops, as Server-Sent Events.

Each event's `id:` is its sequence number on the event log. A client that reconnects with
`Last-Event-ID` (the header browsers send, or a `last_event_id` query parameter) first gets the
events it missed, replayed from the log, then the live ones, with none twice. Languages and
sectors are filtered here, within what the reader's `token` grants; frames are encoded once per
event by the process's broadcaster and shared by every connection.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from polywire.publish.broadcast import Broadcaster, StreamClient
from polywire.publish.selection import Selection
from polywire.web.live import live_for
from polywire.web.problems import problem
from polywire.wire import Wire

#: Browsers wait this long (ms) before reconnecting.
RETRY_MS = 1000


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["stream"])
    live = live_for(wire)

    @api.get(
        "/stream",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    async def stream(
        request: Request,
        token: str = Query(..., description="the reader's access token"),
        languages: str | None = Query(None, description="comma-separated BCP 47 tags"),
        sectors: str | None = Query(None, description="comma-separated sector names"),
        last_event_id: int | None = Query(None, ge=0, description="resume after this event"),
        last_event_header: str | None = Header(None, alias="Last-Event-ID"),
    ) -> Response:
        """Released events as they happen (`event: released`, JSON `data:`), with heartbeats."""
        granted = await run_in_threadpool(live.token_check, token)
        if granted is None:
            return problem(401, "Unauthorized", "the stream needs a valid token")
        resume = last_event_id
        if last_event_header is not None:
            if not last_event_header.strip().isdigit():
                return problem(
                    422, "Invalid request", f"Last-Event-ID {last_event_header!r}: not a number"
                )
            resume = int(last_event_header)
        asked = Selection.of(_split(languages), _split(sectors))
        selection = granted.narrowed(asked)
        await live.tail.start()
        client = live.broadcaster.add(selection)
        after = live.tail.last_seq if resume is None else resume
        return StreamingResponse(
            _frames(live.broadcaster, client, after, replay=resume is not None),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    return api


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()] or None


async def _frames(
    broadcaster: Broadcaster, client: StreamClient, after: int, *, replay: bool
) -> AsyncIterator[bytes]:
    sent = after
    try:
        opening = [f"retry: {RETRY_MS}\n\n".encode()]
        if replay:
            for seq, frame in await broadcaster.replay(after, client.selection):
                opening.append(frame)
                sent = seq
        yield b"".join(opening)
        while not client.closed:
            frames = await client.next_frames()
            chunk = []
            for seq, frame in frames:
                if seq == 0 or seq > sent:
                    chunk.append(frame)
                    sent = max(sent, seq)
            if chunk:
                yield b"".join(chunk)
    finally:
        broadcaster.remove(client)
