"""`GET /v1/stream`: the live stream for desktops, as Server-Sent Events.

Query: `token` (required: a subscriber's token), `languages` and `sectors` (comma-separated,
narrowing what the token grants), `last_event_id` (or the `Last-Event-ID` header browsers send
when they reconnect). Each event's `id:` is its sequence number on the event log; a resuming
client first gets the events it missed, replayed from the log, then the live ones, none twice.
Frames are encoded once per event by the process's broadcaster and shared by every connection.

The endpoint is a bare ASGI app installed as a middleware ahead of FastAPI's routing, not a
route: a stream lives for hours, and what a connection holds while it waits is what limits how
many one process can serve. A FastAPI endpoint and a StreamingResponse keep the request's
dependency state, exit stacks, middleware frames and a task group of two tasks alive per
connection (about 33 KB); here it is one coroutine and one small task that notices the client
leaving (about 15 KB, see bench/stream_benchmark.py). It is therefore not listed in /docs.

An open stream follows its subscriber: the broadcaster re-checks the tokens of all open streams
every `deliver.stream_regrant_seconds` (and at once after an edit through this process), so an
edit changes what the connection gets from the next event on, and a removed subscriber's streams
are closed (the browser's reconnection is then refused with 401).

`GET /newsroom/stream` is the same stream without a token, for the public newsroom's "latest"
list: what is released is public there anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
from urllib.parse import parse_qs

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from polywire.publish.feeds.broadcast import StreamClient
from polywire.publish.feeds.selection import Selection
from polywire.web.live import Live, live_for
from polywire.web.params import MAX_ROW_ID
from polywire.web.problems import problem
from polywire.wire import Wire

PATH = "/v1/stream"
PUBLIC_PATH = "/newsroom/stream"
#: Browsers wait this long (ms) before reconnecting.
RETRY_MS = 1000
#: The last frame of a stream the process ends as it stops: reconnect soon (elsewhere).
GOING_AWAY = f": the server is restarting; reconnect\nretry: {RETRY_MS}\n\n".encode()
_ANY = Selection()
_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"x-accel-buffering", b"no"),
]


def install(app: FastAPI, wire: Wire) -> None:
    """Serve `GET /v1/stream` and `GET /newsroom/stream` on `app`, ahead of its routing (see the
    module docstring)."""
    app.add_middleware(_StreamFirst, endpoint=StreamEndpoint(live_for(wire)))
    public = StreamEndpoint(live_for(wire), public=True)
    app.add_middleware(_StreamFirst, endpoint=public, path=PUBLIC_PATH)


class _StreamFirst:
    """Hands `GET <path>` to the stream endpoint, another method on it a 405, everything else to
    the app."""

    def __init__(self, app: ASGIApp, endpoint: StreamEndpoint, path: str = PATH) -> None:
        self.app = app
        self.endpoint = endpoint
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
        elif scope["method"] == "GET":
            await self.endpoint(scope, receive, send)
        else:
            detail = f"{self.path} is read with GET"
            refusal = problem(405, "Method not allowed", detail, headers={"Allow": "GET"})
            await refusal(scope, receive, send)


class StreamEndpoint:
    def __init__(self, live: Live, *, public: bool = False) -> None:
        self.live = live
        self.public = public  # no token: every released story may be selected

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.live.closing:
            refusal = problem(
                503,
                "Service unavailable",
                "this process is stopping: reconnect (to another one)",
                headers={"Retry-After": "1"},
            )
            await refusal(scope, receive, send)
            return
        query = {k: v[-1] for k, v in parse_qs(scope["query_string"].decode("latin-1")).items()}
        headers = dict(scope["headers"])
        token = query.get("token")
        if self.public:
            granted: Selection | None = Selection()
        elif token is None:
            granted = None
        else:
            granted = await run_in_threadpool(self.live.token_check, token)
        if granted is None:
            await problem(401, "Unauthorized", "the stream needs a valid token")(
                scope, receive, send
            )
            return
        resume_text = headers.get(b"last-event-id", b"").decode("latin-1") or query.get(
            "last_event_id"
        )
        if resume_text is not None and not _is_sequence_number(resume_text):
            detail = f"Last-Event-ID {resume_text!r}: not a number of the event log"
            await problem(422, "Invalid request", detail)(scope, receive, send)
            return
        asked: Selection | None = Selection.of(
            _split(query.get("languages")), _split(query.get("sectors"))
        )
        if asked == _ANY:
            asked = None  # nothing narrowed: no Selection kept per connection
        await self.live.tail.start()
        client = self.live.broadcaster.add(
            granted if asked is None else granted.narrowed(asked),
            token=None if self.public else token,
            asked=asked,
        )
        watcher = asyncio.ensure_future(_close_when_gone(receive, client))
        try:
            await send({"type": "http.response.start", "status": 200, "headers": _HEADERS})
            await self._stream(client, send, resume_text)
        finally:
            self.live.broadcaster.remove(client)
            watcher.cancel()

    async def _stream(self, client: StreamClient, send: Send, resume_text: str | None) -> None:
        sent = self.live.tail.last_seq
        opening = [f"retry: {RETRY_MS}\n\n".encode()]
        if resume_text is not None:
            sent = int(resume_text)
            for seq, frame in await self.live.broadcaster.replay(sent, client.selection):
                opening.append(frame)
                sent = seq
        await _send_body(send, b"".join(opening))
        while not client.closed:
            chunk = []
            for seq, frame in await client.next_frames():
                if seq == 0 or seq > sent:
                    chunk.append(frame)
                    sent = max(sent, seq)
            if chunk and not client.closed:
                await _send_body(send, b"".join(chunk))
        ending = GOING_AWAY if self.live.closing else b""
        await send({"type": "http.response.body", "body": ending, "more_body": False})


async def _send_body(send: Send, body: bytes) -> None:
    await send({"type": "http.response.body", "body": body, "more_body": True})


async def _close_when_gone(receive: Receive, client: StreamClient) -> None:
    with contextlib.suppress(asyncio.CancelledError):
        while (await receive())["type"] != "http.disconnect":
            pass
        client.close()


def _is_sequence_number(text: str) -> bool:
    digits = text.strip()
    return digits.isascii() and digits.isdigit() and int(digits) <= MAX_ROW_ID


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()] or None
