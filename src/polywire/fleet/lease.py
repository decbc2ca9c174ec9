"""One process of the fleet at a time does a chore (polling the feeds): the one that holds its
lease in the store.

Every process that could do it runs a `LeasedChore`: it asks for the lease every third of
`seconds`, takes it when it is free or lapsed, renews it while it holds it, and runs the chore
only while it does. When it stops it gives the lease back, so another process takes over at its
next ask; when it dies, its lease lapses after `seconds` and another takes over then. A holder
that cannot renew (its store is away) stops the chore once its lease has run out, so two
processes never do the chore at once, whatever fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from polywire.store import cluster
from polywire.store.db import Database

log = logging.getLogger("polywire.fleet")

Chore = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


class LeasedChore:
    def __init__(
        self, database: Database, name: str, owner: str, seconds: float, chore: Chore
    ) -> None:
        self.database = database
        self.name = name
        self.owner = owner
        self.seconds = seconds
        self.chore = chore
        self.held_until = 0.0
        self._running: asyncio.Task[None] | None = None
        self._chore_stop = asyncio.Event()

    @property
    def doing(self) -> bool:
        return self._running is not None and not self._running.done()

    async def run(self, stop: asyncio.Event) -> None:
        """Ask, renew and run the chore while held, until `stop`; then give the lease back."""
        try:
            while not stop.is_set():
                await self._ask()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.seconds / 3)
        finally:
            await self._stop_chore()
            if self.held_until > time.time():
                with contextlib.suppress(SQLAlchemyError):
                    await asyncio.to_thread(self._release)

    async def _ask(self) -> None:
        now = time.time()
        try:
            held = await asyncio.to_thread(self._hold, now)
        except SQLAlchemyError as error:
            log.warning("lease %s not renewed: %s", self.name, type(error).__name__)
            held = False
        else:
            self.held_until = now + self.seconds if held else 0.0
        if held and not self.doing:
            log.info("%s holds the lease %s: it does the chore", self.owner, self.name)
            self._chore_stop = asyncio.Event()
            self._running = asyncio.create_task(self.chore(self._chore_stop))
        elif not held and self.doing and time.time() >= self.held_until:
            log.info("%s no longer holds the lease %s: it stops the chore", self.owner, self.name)
            await self._stop_chore()

    def _hold(self, now: float) -> bool:
        with self.database.write() as conn:
            return cluster.hold(conn, self.name, self.owner, now + self.seconds, now)

    def _release(self) -> None:
        with self.database.write() as conn:
            cluster.release(conn, self.name, self.owner)

    async def _stop_chore(self) -> None:
        if self._running is None:
            return
        self._chore_stop.set()
        try:
            await asyncio.wait_for(self._running, self.seconds)
        except TimeoutError:
            log.warning("the chore of lease %s did not stop within %g s", self.name, self.seconds)
        self._running = None
