"""The check stage, run with the glossary of the story it checks.

A check compares two texts and does not know whose story they are; the glossary check reads
the publisher's glossary from `polywire.glossary.active`, which this wrapper sets around each
check job (asyncio's worker threads copy the context, so the check sees it).
"""

from __future__ import annotations

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
        with self.database.read() as conn:
            publisher = story_store.get_story(conn, str(lease.payload["story_id"])).publisher
            glossary = for_publisher(conn, publisher, self.settings.get(publisher))
        with applied(glossary):
            return await self.stage(lease)
