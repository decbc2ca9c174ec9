"""The event log announced on NATS JetStream, so that live readers need not poll the store.

With the NATS bus each event is still appended to the SQL log first (the source of truth: SSE ids
are its sequence numbers); once the appending transaction has committed, the event is published
to the stream `<PREFIX>_EVENTS` (subject `<prefix>.events`, message id = the event's sequence
number, so a second copy within the duplicate window is dropped). Each message also carries the
sequence number of the event logged just before it (`prev`), read under the append lock. A reader
that has handed out every event up to `prev` takes the message as it is; any other message
means that something was lost (a publish that failed, a process that died between its commit and
its publish, a NATS outage), and the reader reads the SQL log from its last event instead. A
message at or below what a reader has handed out is a copy, and skipped.

Publishing never delays nor fails an append: messages go, in order, through one background
thread per process that owns its own connection and reconnects forever; what it cannot publish
is dropped (the readers find it in the SQL log).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError
from sqlalchemy import Connection, func, select

from polywire.bus.event_log import SqlEventLog
from polywire.domain import Event
from polywire.store.db import Database, after_commit
from polywire.store.tables import events

log = logging.getLogger("polywire.events.nats")

#: How long the stream keeps an event: readers that were away longer read the SQL log.
KEEP_SECONDS = 3600.0
#: Copies of one event published within this are dropped by JetStream.
DUPLICATE_WINDOW_SECONDS = 120.0
#: Events waiting for the publisher at most; beyond, new ones are dropped (readers catch up).
PENDING_LIMIT = 10_000
PUBLISH_SECONDS = 2.0
CONNECT_SECONDS = 5.0


def stream_name(prefix: str) -> str:
    return f"{prefix.upper()}_EVENTS"


def subject(prefix: str) -> str:
    return f"{prefix}.events"


async def ensure_events_stream(jetstream: JetStreamContext, prefix: str) -> None:
    """Create the events stream once (a server that lost its store gets it again)."""
    name = stream_name(prefix)
    try:
        await jetstream.stream_info(name)
    except NotFoundError:
        await jetstream.add_stream(
            StreamConfig(
                name=name,
                subjects=[subject(prefix)],
                retention=RetentionPolicy.LIMITS,
                storage=StorageType.FILE,
                max_age=KEEP_SECONDS,
                duplicate_window=DUPLICATE_WINDOW_SECONDS,
            )
        )


@dataclass(frozen=True)
class Announced:
    """An event as its message carries it, and the sequence number logged just before it."""

    event: Event
    prev: int


def encode(event: Event, prev: int) -> bytes:
    return json.dumps(
        {
            "seq": event.seq,
            "prev": prev,
            "type": event.type,
            "story_id": event.story_id,
            "version": event.version,
            "language": event.language,
            "created": event.created.isoformat(),
            "payload": event.payload,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8", "surrogatepass")


def decode(data: bytes) -> Announced:
    """The announced event; raises ValueError (naming what is wrong) on a malformed message."""
    try:
        found = json.loads(data.decode("utf-8", "surrogatepass"))
        event = Event(
            seq=int(found["seq"]),
            type=str(found["type"]),
            story_id=str(found["story_id"]),
            version=int(found["version"]),
            language=None if found["language"] is None else str(found["language"]),
            created=datetime.fromisoformat(found["created"]),
            payload=dict(found["payload"]),
        )
        return Announced(event, int(found["prev"]))
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"a malformed event message ({type(error).__name__}: {error})") from None


class EventPublisher:
    """Publishes announced events in the order given, from a thread of its own."""

    def __init__(self, nats_url: str, prefix: str, reconnect_seconds: float) -> None:
        self.nats_url = nats_url
        self.prefix = prefix
        self.reconnect_seconds = reconnect_seconds
        self._guard = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: asyncio.Queue[tuple[Event, int] | None] | None = None
        self._thread: threading.Thread | None = None

    def send(self, event: Event, prev: int) -> None:
        """Queue `event` for publishing (thread-safe, never blocks)."""
        loop, queue = self._started()
        loop.call_soon_threadsafe(self._put, queue, (event, prev))

    @staticmethod
    def _put(
        queue: asyncio.Queue[tuple[Event, int] | None], item: tuple[Event, int] | None
    ) -> None:
        try:
            queue.put_nowait(item)
        except asyncio.QueueFull:
            log.warning("event %s not announced: the publisher is behind", item)

    def close(self) -> None:
        """Publish what is queued (for a few seconds at most), then let go of the connection."""
        with self._guard:
            loop, queue, thread = self._loop, self._queue, self._thread
            self._loop = self._queue = self._thread = None
        if loop is None or queue is None or thread is None:
            return
        loop.call_soon_threadsafe(queue.put_nowait, None)
        thread.join(timeout=PUBLISH_SECONDS * 3)

    def _started(
        self,
    ) -> tuple[asyncio.AbstractEventLoop, asyncio.Queue[tuple[Event, int] | None]]:
        with self._guard:
            if self._loop is None or self._queue is None:
                loop = asyncio.new_event_loop()
                queue: asyncio.Queue[tuple[Event, int] | None] = asyncio.Queue(PENDING_LIMIT)
                ready = threading.Event()
                thread = threading.Thread(
                    target=self._run, args=(loop, queue, ready), name="polywire-events", daemon=True
                )
                thread.start()
                ready.wait()
                self._loop, self._queue, self._thread = loop, queue, thread
            return self._loop, self._queue

    def _run(
        self,
        loop: asyncio.AbstractEventLoop,
        queue: asyncio.Queue[tuple[Event, int] | None],
        ready: threading.Event,
    ) -> None:
        asyncio.set_event_loop(loop)
        loop.call_soon(ready.set)
        try:
            loop.run_until_complete(self._publish_all(queue))
        finally:
            loop.close()

    async def _publish_all(self, queue: asyncio.Queue[tuple[Event, int] | None]) -> None:
        client: Client | None = None
        jetstream: JetStreamContext | None = None
        try:
            while (item := await queue.get()) is not None:
                event, prev = item
                try:
                    if client is None or client.is_closed:
                        client = await asyncio.wait_for(self._connect(), CONNECT_SECONDS)
                        jetstream = client.jetstream()
                        await ensure_events_stream(jetstream, self.prefix)
                    assert jetstream is not None
                    await jetstream.publish(
                        subject(self.prefix),
                        encode(event, prev),
                        timeout=PUBLISH_SECONDS,
                        headers={"Nats-Msg-Id": str(event.seq)},
                    )
                except Exception as error:  # the SQL log has it: readers catch up from there
                    log.warning(
                        "event %d not announced on %s (%s); live readers read it from the store",
                        event.seq,
                        self.nats_url,
                        type(error).__name__,
                    )
        finally:
            if client is not None and not client.is_closed:
                with contextlib.suppress(Exception):
                    await client.close()

    async def _connect(self) -> Client:
        return await nats.connect(
            self.nats_url,
            name="polywire-events",
            max_reconnect_attempts=-1,
            reconnect_time_wait=self.reconnect_seconds,
        )


class JetStreamEventLog(SqlEventLog):
    """The SQL event log whose appends are also announced on JetStream after their commit.

    Appends must happen in a `Database.write` transaction (its commit triggers the publish)."""

    def __init__(self, database: Database, publisher: EventPublisher) -> None:
        super().__init__(database)
        self.publisher = publisher

    def append(
        self,
        conn: Connection,
        type: str,
        story_id: str,
        version: int,
        language: str | None,
        payload: dict[str, Any],
    ) -> int:
        self._lock(conn)  # before reading `prev`: no append may commit between the two
        prev = int(conn.execute(select(func.coalesce(func.max(events.c.seq), 0))).scalar_one())
        event = self._insert(conn, type, story_id, version, language, payload)
        after_commit(conn, lambda: self.publisher.send(event, prev))
        return event.seq

    def close(self) -> None:
        self.publisher.close()
