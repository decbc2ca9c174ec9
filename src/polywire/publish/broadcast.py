"""Hand each new event to every live-stream client that selected it, encoded once.

The log tail calls `publish` with new events; each event becomes one Server-Sent Events frame
(`id:` = the event's sequence number) whose bytes are shared by every client queue it goes to,
and kept in a small ring so that a client resuming from `Last-Event-ID` usually replays frames
already encoded. One heartbeat task per process writes one shared comment frame to all clients.
A client that falls `queue_events` frames behind is closed; its browser reconnects and resumes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import OrderedDict

from polywire.bus.base import EventLog
from polywire.domain import Event
from polywire.publish.selection import Selection

HEARTBEAT = b": heartbeat\n\n"
#: Events replayed to one resuming client at most; older gaps need a feed or the API.
MAX_REPLAY = 10_000
_RECENT = 1024


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
    return f"id: {event.seq}\nevent: {event.type}\ndata: {text}\n\n".encode()


class StreamClient:
    __slots__ = ("closed", "frames", "limit", "selection", "waiter")

    def __init__(self, selection: Selection, limit: int) -> None:
        self.selection = selection
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
    def __init__(self, events: EventLog, *, heartbeat_seconds: float, queue_events: int) -> None:
        self.events = events
        self.heartbeat_seconds = heartbeat_seconds
        self.queue_events = queue_events
        self.clients: set[StreamClient] = set()
        self._recent: OrderedDict[int, bytes] = OrderedDict()
        self._heartbeat: asyncio.Task[None] | None = None

    def add(self, selection: Selection) -> StreamClient:
        client = StreamClient(selection, self.queue_events)
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
        with contextlib.suppress(asyncio.CancelledError):
            while self.clients:
                await asyncio.sleep(self.heartbeat_seconds)
                for client in self.clients:
                    client.push(0, HEARTBEAT)
