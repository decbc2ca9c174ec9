"""What a delivery attempt reads before it sends — its delivery record, its destination's state
and the composed release — read for many attempts at once.

A delivery worker starts a leased batch of attempts in the same event-loop step; each asks here,
and the questions asked in one step are answered by one read transaction in a thread (two
queries, however many attempts), instead of one transaction each.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from polywire.compose import Composed
from polywire.domain import Delivery, NotFound, Version
from polywire.publish.release.composed_cache import ComposedReleases
from polywire.store import deliveries as records
from polywire.store import subscribers as subscriber_store
from polywire.store.db import Database

#: (destination id, story id, version, language)
Key = tuple[str, str, int, str]


@dataclass(frozen=True)
class AttemptContext:
    delivery: Delivery
    state: subscriber_store.DestinationState
    version: Version
    composed: Composed


class DeliveryReads:
    def __init__(self, database: Database, releases: ComposedReleases) -> None:
        self.database = database
        self.releases = releases
        self._asked: list[tuple[Key, asyncio.Future[AttemptContext]]] = []
        self._reading: set[asyncio.Future[None]] = set()

    async def get(self, key: Key, now: datetime) -> AttemptContext:
        """The context of one attempt; NotFound when its delivery or destination is gone."""
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[AttemptContext] = loop.create_future()
        if not self._asked:
            loop.call_soon(self._start_reading, now)  # after the others asking in this step
        self._asked.append((key, answer))
        return await answer

    def _start_reading(self, now: datetime) -> None:
        reading = asyncio.ensure_future(self._read(now))
        self._reading.add(reading)  # a task must be referenced until it is done
        reading.add_done_callback(self._reading.discard)

    async def _read(self, now: datetime) -> None:
        asked, self._asked = self._asked, []
        try:
            found = await asyncio.to_thread(self._read_all, [key for key, _ in asked], now)
        except Exception as error:
            for _, answer in asked:
                if not answer.done():
                    answer.set_exception(error)
            return
        for key, answer in asked:
            if not answer.done():
                result = found.get(key)
                if isinstance(result, AttemptContext):
                    answer.set_result(result)
                else:
                    answer.set_exception(result or NotFound(f"delivery {key!r}: not found"))

    def _read_all(self, keys: list[Key], now: datetime) -> dict[Key, AttemptContext | Exception]:
        results: dict[Key, AttemptContext | Exception] = {}
        with self.database.read() as conn:
            deliveries = records.find_deliveries(conn, keys)
            states = subscriber_store.destination_states(conn, [key[0] for key in keys], now)
            for key in keys:
                destination_id, story_id, number, language = key
                try:
                    delivery = deliveries.get(key)
                    if delivery is None:
                        raise NotFound(
                            f"destination {destination_id!r}: no delivery of story "
                            f"{story_id!r} v{number} {language}"
                        )
                    state = states.get(destination_id)
                    if state is None:
                        raise NotFound(f"destination {destination_id!r}: no such destination")
                    version, composed = self.releases.get(conn, story_id, number, language)
                except NotFound as missing:
                    results[key] = missing
                    continue
                results[key] = AttemptContext(delivery, state, version, composed)
        return results
