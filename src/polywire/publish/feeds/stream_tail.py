"""Follow the event log from one web process through its JetStream announcements (NATS bus).

Instead of reading the store every `log_poll_seconds`, the tail holds an ordered consumer on the
events stream (`polywire.bus.event_stream`) and hands each announced event to its listeners. The
store stays the source of truth, and the tail reads it from its last event (so nothing is lost
or handed out twice, and ids stay the store's sequence numbers):

- on (re)subscribing: after the subscription exists, so whatever committed before it is read
  from the store, whatever commits later arrives as a message;
- on a gap: a message whose `prev` is not the last event handed out;
- while NATS is unreachable: every `poll_seconds`, as the SQL tail does, until it is back;
- every `check_seconds` while the stream is quiet, for an event whose announcement was lost and
  that no later message reveals (its appender died between commit and publish).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Literal

import nats
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from nats.js.api import DeliverPolicy

from polywire.bus.base import EventLog
from polywire.bus.event_stream import decode, ensure_events_stream, stream_name, subject
from polywire.publish.feeds.log_tail import LogTail

log = logging.getLogger("polywire.tail")

CONNECT_SECONDS = 5.0

Signal = Literal["down", "up"]


class StreamTail(LogTail):
    def __init__(
        self,
        events: EventLog,
        poll_seconds: float,
        *,
        nats_url: str,
        prefix: str,
        check_seconds: float,
        reconnect_seconds: float,
    ) -> None:
        super().__init__(events, poll_seconds)
        self.nats_url = nats_url
        self.prefix = prefix
        self.check_seconds = check_seconds
        self.reconnect_seconds = reconnect_seconds
        #: True while the tail follows the stream; False while it polls the store
        self.streaming = False

    async def _follow(self) -> None:
        inbox: asyncio.Queue[Msg | Signal] = asyncio.Queue()
        client: Client | None = None
        connecting: asyncio.Task[Client] | None = None
        subscription: Subscription | None = None
        retry_at = 0.0
        try:
            while True:
                if client is None and connecting is None:
                    connecting = asyncio.create_task(self._connect(inbox))
                wait = self.check_seconds if self.streaming else self.poll_seconds
                try:
                    item = await asyncio.wait_for(inbox.get(), wait)
                except TimeoutError:
                    await self._catch_up()
                    if self._subscribe_again(client, retry_at):
                        retry_at = asyncio.get_running_loop().time() + self.reconnect_seconds
                        inbox.put_nowait("up")  # connected, yet not subscribed: try again
                    continue
                if item == "down":
                    if self.streaming:
                        log.warning("event stream lost: reading the store meanwhile")
                    self.streaming = False
                elif item == "up":
                    if client is None and connecting is not None:
                        client, connecting = connecting.result(), None
                    assert client is not None
                    subscription = await self._resubscribe(client, subscription, inbox)
                    await self._catch_up()
                elif isinstance(item, Msg):
                    await self._take(item)
        finally:
            self.streaming = False
            if connecting is not None:
                connecting.cancel()
            if client is not None:
                with contextlib.suppress(Exception):
                    await client.close()

    def _subscribe_again(self, client: Client | None, retry_at: float) -> bool:
        """Whether to subscribe again: connected, not following (subscribing failed), and
        `reconnect_seconds` after the last attempt."""
        return (
            client is not None
            and client.is_connected
            and not self.streaming
            and asyncio.get_running_loop().time() >= retry_at
        )

    async def _connect(self, inbox: asyncio.Queue[Msg | Signal]) -> Client:
        """A client that reconnects by itself once connected; until the first connection, try
        every `reconnect_seconds`. Says "up" in `inbox` when connected."""

        async def down() -> None:
            inbox.put_nowait("down")

        async def up() -> None:
            inbox.put_nowait("up")

        said = False
        while True:
            try:
                client = await asyncio.wait_for(
                    nats.connect(
                        self.nats_url,
                        name="polywire-tail",
                        max_reconnect_attempts=-1,
                        reconnect_time_wait=self.reconnect_seconds,
                        disconnected_cb=down,
                        reconnected_cb=up,
                    ),
                    CONNECT_SECONDS,
                )
            except Exception as error:
                if not said:
                    log.warning(
                        "event stream at %s unreachable (%s): reading the store until it is",
                        self.nats_url,
                        type(error).__name__,
                    )
                    said = True
                await asyncio.sleep(self.reconnect_seconds)
                continue
            inbox.put_nowait("up")
            return client

    async def _resubscribe(
        self,
        client: Client,
        old: Subscription | None,
        inbox: asyncio.Queue[Msg | Signal],
    ) -> Subscription | None:
        """A new ordered consumer from the next announcement on (the store covers the rest)."""
        if old is not None:
            with contextlib.suppress(Exception):
                await old.unsubscribe()

        async def received(message: Msg) -> None:
            inbox.put_nowait(message)

        try:
            jetstream = client.jetstream()
            await ensure_events_stream(jetstream, self.prefix)
            subscription = await jetstream.subscribe(
                subject(self.prefix),
                stream=stream_name(self.prefix),
                cb=received,
                ordered_consumer=True,
                deliver_policy=DeliverPolicy.NEW,
            )
        except Exception as error:
            log.warning("cannot follow the event stream (%s): reading the store", error)
            self.streaming = False
            return None
        self.streaming = True
        log.info("following the event stream %s", stream_name(self.prefix))
        return subscription

    async def _take(self, message: Msg) -> None:
        try:
            announced = decode(message.data)
        except ValueError as error:
            log.warning("%s: reading the store", error)
            await self._catch_up()
            return
        if announced.event.seq <= self.last_seq:
            return  # handed out already (read from the store, or a copy)
        if announced.prev != self.last_seq:
            await self._catch_up()  # a gap: the store has what is missing, this event too
            return
        self._hand_out([announced.event])

    async def _catch_up(self) -> None:
        """Hand out what the store holds after the last event handed out."""
        while True:
            try:
                new = await asyncio.to_thread(self.events.read, self.last_seq, 1000)
            except Exception:
                log.exception("cannot read the event log after %d", self.last_seq)
                return
            if new:
                self._hand_out(new)
            if len(new) < 1000:
                return
