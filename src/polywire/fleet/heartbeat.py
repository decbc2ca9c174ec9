"""Heartbeats: each process writes to the store, every `cluster.heartbeat_seconds`, that it is
alive, what it runs (its role and job kinds) and digests of the settings it must share; `/readyz`
and `/metrics` read them to say which workers were seen within `cluster.seen_within_seconds`.

`start` is the first beat and the start-up check of the shared settings (it raises, and the
process does not start, when they disagree). `run` beats until stopped and then removes the row,
so a process that stops cleanly is not counted; one that died ages out. A beat that cannot
reach the store is logged once and tried again at the next interval.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
from collections.abc import Collection

from sqlalchemy.exc import SQLAlchemyError

import polywire
from polywire.config import Settings
from polywire.fleet.shared_settings import check_agreement, digests
from polywire.store import cluster
from polywire.store.db import Database

log = logging.getLogger("polywire.fleet")


def process_name() -> str:
    """This process's name in the fleet: host and process id (as a worker names itself)."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Heartbeat:
    def __init__(
        self, database: Database, settings: Settings, *, role: str, kinds: Collection[str]
    ) -> None:
        self.database = database
        self.settings = settings
        self.name = process_name()
        self.role = role
        self.kinds = sorted(kinds)
        self.started = time.time()
        self.settings_digests = digests(settings)
        self._failing = False

    def start(self) -> None:
        """Check that the processes seen recently share this one's settings, and beat once."""
        now = time.time()
        with self.database.write() as conn:
            recent = cluster.seen_since(conn, now - self.settings.cluster.seen_within_seconds)
            check_agreement(self.settings_digests, (p for p in recent if p.name != self.name))
            cluster.beat(conn, self._process(now))
        log.info("process %s (%s) joined a fleet of %d seen", self.name, self.role, len(recent))

    async def run(self, stop: asyncio.Event) -> None:
        """Beat every `cluster.heartbeat_seconds` until `stop`; then leave the fleet."""
        every = self.settings.cluster.heartbeat_seconds
        try:
            while not stop.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), every)
                if not stop.is_set():
                    await asyncio.to_thread(self._beat)
        finally:
            with contextlib.suppress(SQLAlchemyError):
                await asyncio.to_thread(self._leave)

    def _beat(self) -> None:
        try:
            with self.database.write() as conn:
                cluster.beat(conn, self._process(time.time()))
        except SQLAlchemyError as error:
            if not self._failing:
                log.warning("heartbeat of %s not written: %s", self.name, type(error).__name__)
            self._failing = True
            return
        if self._failing:
            log.info("heartbeat of %s written again", self.name)
        self._failing = False

    def _leave(self) -> None:
        with self.database.write() as conn:
            cluster.forget(conn, self.name)

    def _process(self, now: float) -> cluster.Process:
        return cluster.Process(
            name=self.name,
            role=self.role,
            host=socket.gethostname(),
            pid=os.getpid(),
            kinds=self.kinds,
            settings=self.settings_digests,
            version=polywire.__version__,
            started=self.started,
            seen=now,
        )
