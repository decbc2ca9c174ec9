"""Which stage follows which.

    submit ──► release (per language, at the embargo time) ──► event log

Each arrow is a durable job enqueued in the same transaction as the state it follows from.
"""

from __future__ import annotations

from sqlalchemy import Connection

from polywire.bus.base import EventLog
from polywire.bus.outbox import enqueue
from polywire.bus.worker import Handler
from polywire.config import Settings
from polywire.domain import Rendition
from polywire.publish.release import ReleaseStage
from polywire.store.db import Database


class Pipeline:
    def __init__(self, settings: Settings, database: Database, events: EventLog) -> None:
        self.settings = settings
        self.release = ReleaseStage(database, events)

    @property
    def handlers(self) -> dict[str, Handler]:
        return {self.release.kind: self.release}

    def after_submit(self, conn: Connection, renditions: list[Rendition], run_at: float) -> None:
        """Enqueue the first jobs of a new version's renditions."""
        for rendition in renditions:
            enqueue(
                conn,
                self.release.kind,
                self.release.job_key(rendition.story_id, rendition.version, rendition.language),
                {
                    "story_id": rendition.story_id,
                    "version": rendition.version,
                    "language": rendition.language,
                },
                run_at=run_at,
                max_attempts=self.settings.jobs.max_attempts,
            )
