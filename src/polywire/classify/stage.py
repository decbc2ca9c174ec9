"""The classify stage: Media Topics, sectors, regions and urgency for a new story version.

Wiring: kind `classify`, payload `{"story_id": str, "version": int}`, key
`ClassifyStage.job_key(story_id, version)`. Enqueue it after a version is stored; translation
should follow it (in the same commit), so that renditions and targeting see the tags. It reads
the Version (and any classification already stored) and, in its commit, stores the result in
`classifications` and writes `subjects` (ninjs, creator/relevance/confidence), `places`,
`urgency` and `sectors` on the version. The publisher's sectors, places and urgency, recorded the
first time the version is classified, win over the machine's; an editor's correction is never
overwritten by a re-run. Re-running is harmless.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import Connection

from polywire.bus.base import Commit, Lease
from polywire.classify.service import ClassificationService
from polywire.config import Settings
from polywire.domain import Version
from polywire.store import stories as story_store
from polywire.store.classify import StoredClassification, find_classification
from polywire.store.db import Database

log = logging.getLogger("polywire.classify")


class ClassifyStage:
    kind = "classify"

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.service = ClassificationService(database, settings.classify)

    @staticmethod
    def job_key(story_id: str, version: int) -> str:
        return f"classify:{story_id}:v{version}"

    async def __call__(self, lease: Lease) -> Commit:
        story_id = str(lease.payload["story_id"])
        number = int(lease.payload["version"])
        version, stored = await asyncio.to_thread(self._read, story_id, number)
        if stored is not None and stored.corrected:
            return lambda conn: None
        result = await asyncio.to_thread(self.service.classify_version, version, stored)

        def commit(conn: Connection) -> None:
            current = find_classification(conn, story_id, number)
            if current is not None and current.corrected:
                return  # an editor corrected it meanwhile: the editor's word stands
            self.service.write(conn, result)
            topics = [t["code"] for t in result.result["topics"]]
            log.info("story %s v%d classified: %s", story_id, number, ", ".join(topics) or "-")

        return commit

    def _read(self, story_id: str, number: int) -> tuple[Version, StoredClassification | None]:
        """The version, its stored classification, and the editors' newest corrections learned
        (in a worker thread: the loop also serves the API and the live streams)."""
        with self.database.read() as conn:
            version = story_store.get_version(conn, story_id, number)
            stored = find_classification(conn, story_id, number)
            self.service.classifier.memory.refresh(conn)
        return version, stored
