"""Hand each new event to every live-stream client that selected it, encoded once.

The log tail calls `publish` with new events; each event becomes one Server-Sent Events frame
(`id:` = the event's sequence number) whose bytes are shared by every client queue it goes to,
and kept in a small ring so that a client resuming from `Last-Event-ID` usually replays frames
already encoded. One heartbeat task per process writes one shared comment frame to all clients.
A client that falls `queue_events` frames behind is closed; its browser reconnects and resumes.

A subscriber's client keeps its token: every `regrant_seconds` the same task re-checks the tokens
of all open clients in one batched call, so that an edited subscriber's open streams follow its
new languages and sectors (without reconnecting) and a removed subscriber's streams are closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping

from polywire.bus.base import EventLog
from polywire.domain import Event
from polywire.publish.feeds.selection import Selection
from polywire.surrogates import utf8

HEARTBEAT = b": heartbeat\n\n"
#: Events replayed to one resuming client at most; older gaps need a feed or the API.
MAX_REPLAY = 10_000
_RECENT = 1024

#: Maps tokens to what each grants now; a token that grants nothing any more is left out.
TokenCheckMany = Callable[[Collection[str]], Mapping[str, Selection]]

log = logging.getLogger("polywire.stream")


def encode_event(event: Event) -> bytes:
    data = {
        "seq": event.seq,
        "type": event.type,
        "story_id": event.story_id,
        "version": event.version,
        "language": event.language,
        "created": event.created.isoformat(),
        **event.payload,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # utf8: an event logged before the doors refused lone surrogates still reaches its readers
    return utf8(f"id: {event.seq}\nevent: {event.type}\ndata: {text}\n\n")


class StreamClient:
    """One open stream: the frames queued for it and what it selects.

    `selection` is what `token` grants (all released stories without a token) narrowed by
    `asked`, the reader's own filters (None: none); a regrant replaces it."""

    __slots__ = ("asked", "closed", "frames", "limit", "selection", "token", "waiter")

    def __init__(
        self,
        selection: Selection,
        limit: int,
        *,
        token: str | None = None,
        asked: Selection | None = None,
    ) -> None:
        self.selection = selection
        self.token = token
        self.asked = asked
        self.limit = limit
        self.frames: list[tuple[int, bytes]] = []
        self.waiter: asyncio.Future[None] | None = None  # made only while the client waits
        self.closed = False

    def push(self, seq: int, frame: bytes) -> None:
        if self.closed:
            return
        if len(self.frames) >= self.limit:
            self.close()
            return
        self.frames.append((seq, frame))
        self._wake()

    def close(self) -> None:
        self.closed = True
        self.frames = []
        self._wake()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    async def next_frames(self) -> list[tuple[int, bytes]]:
        """The frames queued since the last call (waits for at least one, or for closing)."""
        if not self.frames and not self.closed:
            self.waiter = asyncio.get_running_loop().create_future()
            try:
                await self.waiter
            finally:
                self.waiter = None
        frames, self.frames = self.frames, []
        return frames


class Broadcaster:
    def __init__(
        self,
        events: EventLog,
        *,
        heartbeat_seconds: float,
        queue_events: int,
        regrant_seconds: float = 5.0,
        check_many: TokenCheckMany | None = None,
    ) -> None:
        self.events = events
        self.heartbeat_seconds = heartbeat_seconds
        self.queue_events = queue_events
        self.regrant_seconds = regrant_seconds
        self.check_many = check_many  # None: clients keep what they were granted on connecting
        self.clients: set[StreamClient] = set()
        self._recent: OrderedDict[int, bytes] = OrderedDict()
        self._heartbeat: asyncio.Task[None] | None = None
        self._regranting = asyncio.Lock()
        self._regrants: set[asyncio.Task[None]] = set()

    def add(
        self, selection: Selection, *, token: str | None = None, asked: Selection | None = None
    ) -> StreamClient:
        """A new client selecting `selection`: what `token` grants (None: a public stream,
        never re-checked) narrowed by `asked`."""
        client = StreamClient(selection, self.queue_events, token=token, asked=asked)
        self.clients.add(client)
        if self._heartbeat is None or self._heartbeat.done():
            self._heartbeat = asyncio.create_task(self._beat(), name="polywire-stream-heartbeat")
        return client

    def remove(self, client: StreamClient) -> None:
        self.clients.discard(client)

    def close_all(self) -> None:
        """Close every client (each browser reconnects and resumes from its last event)."""
        for client in list(self.clients):
            client.close()

    async def regrant(self, check_many: TokenCheckMany) -> None:
        """Re-check the tokens of the open clients, all in one call of `check_many` in a thread:
        each client now selects what its token grants narrowed by what it asked for (from the
        next event on: nothing is replayed), and the clients of a token that grants nothing any
        more (a removed subscriber) are closed. Clients that connect meanwhile are left as they
        are: their token was just checked."""
        tokens = {client.token for client in self.clients if client.token is not None}
        if not tokens:
            return
        grants = await asyncio.to_thread(check_many, tokens)
        # Clients with the same token and filters share one selection.
        fresh: dict[tuple[str, Selection | None], Selection] = {}
        for client in list(self.clients):
            token = client.token
            if token is None or token not in tokens:
                continue
            granted = grants.get(token)
            if granted is None:
                client.close()
                continue
            key = (token, client.asked)
            selection = fresh.get(key)
            if selection is None:
                selection = fresh[key] = (
                    granted if client.asked is None else granted.narrowed(client.asked)
                )
            client.selection = selection

    def regrant_soon(self) -> None:
        """Regrant now rather than at the next period (after a subscriber was edited or removed
        in this process). Regrants run one at a time, so this one reads after the change."""
        if self.check_many is None or not any(c.token is not None for c in self.clients):
            return
        task = asyncio.create_task(self._regrant_once(self.check_many), name="polywire-regrant")
        self._regrants.add(task)
        task.add_done_callback(self._regrants.discard)

    async def _regrant_once(self, check_many: TokenCheckMany) -> None:
        async with self._regranting:
            try:
                await self.regrant(check_many)
            except Exception:
                # The clients keep their selection and the next period tries again.
                log.exception("re-checking the live streams' tokens failed")

    def publish(self, events: list[Event]) -> None:
        for event in events:
            frame = self._frame(event)
            sectors = event.payload.get("sectors") or []
            for client in self.clients:
                if client.selection.wants(event.language, sectors):
                    client.push(event.seq, frame)

    async def replay(self, after: int, selection: Selection) -> list[tuple[int, bytes]]:
        """Frames of the logged events after `after` that `selection` wants, oldest first."""
        found = await asyncio.to_thread(self._read_after, after)
        return [
            (event.seq, self._frame(event))
            for event in found
            if selection.wants(event.language, event.payload.get("sectors") or [])
        ]

    def _read_after(self, after: int) -> list[Event]:
        found: list[Event] = []
        while len(found) < MAX_REPLAY:
            page = self.events.read(after, min(1000, MAX_REPLAY - len(found)))
            if not page:
                break
            found.extend(page)
            after = page[-1].seq
        return found

    def _frame(self, event: Event) -> bytes:
        frame = self._recent.get(event.seq)
        if frame is None:
            frame = self._recent[event.seq] = encode_event(event)
            while len(self._recent) > _RECENT:
                self._recent.popitem(last=False)
        return frame

    async def _beat(self) -> None:
        """Heartbeats every `heartbeat_seconds`, regrants every `regrant_seconds` (each in a task
        of its own, so that a slow store never delays a heartbeat), while there are clients."""
        loop = asyncio.get_running_loop()
        next_beat = loop.time() + self.heartbeat_seconds
        next_regrant = loop.time() + self.regrant_seconds
        with contextlib.suppress(asyncio.CancelledError):
            while self.clients:
                await asyncio.sleep(max(0.0, min(next_beat, next_regrant) - loop.time()))
                now = loop.time()
                if now >= next_beat:
                    next_beat = now + self.heartbeat_seconds
                    for client in self.clients:
                        client.push(0, HEARTBEAT)
                if now >= next_regrant:
                    next_regrant = now + self.regrant_seconds
                    if not self._regranting.locked():
                        self.regrant_soon()
