"""Follow the event log from one process: the newest sequence number, and new events as they
are appended, handed to listeners (the stream broadcaster, the feed cache's key).

One tail per process polls the log every `poll_seconds`, whatever the number of readers; the
log is the only shared state, so any number of web processes can serve feeds and streams.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from polywire.bus.base import EventLog
from polywire.domain import Event

log = logging.getLogger("polywire.tail")

Listener = Callable[[list[Event]], None]


class LogTail:
    def __init__(self, events: EventLog, poll_seconds: float) -> None:
        self.events = events
        self.poll_seconds = poll_seconds
        self.last_seq = 0
        self._listeners: list[Listener] = []
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._advanced = asyncio.Event()

    def listen(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @property
    def running(self) -> bool:
        return (
            self._task is not None
            and not self._task.done()
            and self._task.get_loop() is asyncio.get_running_loop()
        )

    async def start(self) -> None:
        """Start following (once per process and event loop); `last_seq` is current on return."""
        if self.running:
            return
        async with self._lock:
            if self.running:
                return
            self.last_seq = await asyncio.to_thread(self.events.last_seq)
            self._advanced = asyncio.Event()
            self._task = asyncio.create_task(self._follow(), name="polywire-log-tail")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def advanced(self) -> None:
        """Wait until the tail has seen new events."""
        await self._advanced.wait()

    async def _follow(self) -> None:
        while True:
            await asyncio.sleep(self.poll_seconds)
            try:
                new = await asyncio.to_thread(self.events.read, self.last_seq, 1000)
            except Exception:
                log.exception("cannot read the event log after %d", self.last_seq)
                continue
            if not new:
                continue
            self._hand_out(new)

    def _hand_out(self, new: list[Event]) -> None:
        """Hand `new` (not empty) to the listeners; `last_seq` becomes its last event's."""
        self.last_seq = new[-1].seq
        for listener in self._listeners:
            try:
                listener(new)
            except Exception:
                log.exception("a listener of the event log failed")
        self._advanced.set()
        self._advanced = asyncio.Event()
