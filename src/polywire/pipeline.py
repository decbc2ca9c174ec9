"""Which stage follows which.

    submit ──► release (per language, at the embargo time) ──► event log

Each arrow is a durable job enqueued in the same transaction as the state it follows from: a
stage's handler returns the commit that writes its effects, and the pipeline adds, inside that
same commit, the jobs that follow from what the stage wrote. Stages never enqueue each other.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from sqlalchemy import Connection

from polywire.bus.base import Commit, EventLog, Lease
from polywire.bus.outbox import enqueue
from polywire.bus.worker import Handler
from polywire.config import Settings
from polywire.domain import Rendition
from polywire.publish.release import ReleaseStage
from polywire.store.db import Database


class Stage(Protocol):
    kind: str

    def __call__(self, lease: Lease) -> Awaitable[Commit]: ...


#: Given the completing transaction and the finished job's payload, enqueue what follows.
Follow = Callable[[Connection, dict[str, Any]], None]


class Pipeline:
    def __init__(self, settings: Settings, database: Database, events: EventLog) -> None:
        self.settings = settings
        self.database = database
        self.release = ReleaseStage(database, events)
        self._stages: dict[str, tuple[Stage, Follow | None]] = {
            self.release.kind: (self.release, None),
        }

    @property
    def handlers(self) -> dict[str, Handler]:
        return {
            kind: self._chained(stage, follow) for kind, (stage, follow) in self._stages.items()
        }

    def after_submit(self, conn: Connection, renditions: list[Rendition], run_at: float) -> None:
        """Enqueue the first jobs of a new version's renditions."""
        for rendition in renditions:
            self._enqueue_release(
                conn, rendition.story_id, rendition.version, rendition.language, run_at
            )

    def _enqueue_release(
        self, conn: Connection, story_id: str, version: int, language: str, run_at: float
    ) -> None:
        enqueue(
            conn,
            self.release.kind,
            self.release.job_key(story_id, version, language),
            {"story_id": story_id, "version": version, "language": language},
            run_at=run_at,
            max_attempts=self.settings.jobs.max_attempts,
        )

    @staticmethod
    def _chained(stage: Stage, follow: Follow | None) -> Handler:
        if follow is None:
            return stage

        async def run(lease: Lease) -> Commit:
            commit = await stage(lease)

            def commit_and_follow(conn: Connection) -> None:
                commit(conn)
                follow(conn, lease.payload)

            return commit_and_follow

        return run
