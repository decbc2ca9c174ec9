"""The check stage, run with the glossary of the story it checks.

A check compares two texts and does not know whose story they are; the glossary check reads
the publisher's glossary from `polywire.glossary.active`, which this wrapper sets around each
check job (asyncio's worker threads copy the context, so the check sees it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Mapping
from typing import Protocol

from polywire.bus.base import Commit, Lease
from polywire.glossary import applied, for_publisher
from polywire.settings.translate import Glossary
from polywire.store import stories as story_store
from polywire.store.db import Database


class Stage(Protocol):
    kind: str

    def __call__(self, lease: Lease) -> Awaitable[Commit]: ...


class GlossaryScope:
    """Runs a check stage with `active` set to the glossary of the story in the job."""

    def __init__(self, stage: Stage, database: Database, settings: Mapping[str, Glossary]) -> None:
        self.stage = stage
        self.database = database
        self.settings = settings
        self.kind = stage.kind

    async def __call__(self, lease: Lease) -> Commit:
        glossary = await asyncio.to_thread(self._glossary, str(lease.payload["story_id"]))
        with applied(glossary):
            return await self.stage(lease)

    def _glossary(self, story_id: str) -> Glossary:
        """The glossary of the story's publisher (in a worker thread: the loop also serves the
        API and the live streams)."""
        with self.database.read() as conn:
            publisher = story_store.get_story(conn, story_id).publisher
            return for_publisher(conn, publisher, self.settings.get(publisher))
