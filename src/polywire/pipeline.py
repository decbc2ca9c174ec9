"""Which stage follows which.

    submit ──► translate (per target language) ──► release (per language, at the embargo time)
       └──────────────────────────────────────────► release (the source language)

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
from polywire.domain import Rendition, RenditionState, Version
from polywire.publish.release import ReleaseStage
from polywire.store import stories as store
from polywire.store.db import Database
from polywire.translate.stage import TranslateStage


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
        self.translate = TranslateStage(settings, database)
        self._stages: dict[str, tuple[Stage, Follow | None]] = {
            self.translate.kind: (self.translate, self._after_translate),
            self.release.kind: (self.release, None),
        }

    @property
    def handlers(self) -> dict[str, Handler]:
        return {
            kind: self._chained(stage, follow) for kind, (stage, follow) in self._stages.items()
        }

    def after_submit(self, conn: Connection, version: Version) -> None:
        """Enqueue the first jobs of a new version: its translations, and the source's release."""
        for language in version.target_languages:
            self._enqueue(
                conn,
                self.translate.kind,
                self.translate.job_key(version.story_id, version.version, language),
                _rendition_payload(version, language),
            )
        self._enqueue_release(conn, version, version.language)

    def release_now(self, conn: Connection, renditions: list[Rendition]) -> None:
        """Release renditions that need no stage before (a withdrawal), whatever the embargo."""
        for rendition in renditions:
            self._enqueue(
                conn,
                self.release.kind,
                self.release.job_key(rendition.story_id, rendition.version, rendition.language),
                {
                    "story_id": rendition.story_id,
                    "version": rendition.version,
                    "language": rendition.language,
                },
            )

    def _after_translate(self, conn: Connection, payload: dict[str, Any]) -> None:
        rendition = store.get_rendition(
            conn, payload["story_id"], payload["version"], payload["language"]
        )
        if rendition.state == RenditionState.PENDING:
            version = store.get_version(conn, rendition.story_id, rendition.version)
            self._enqueue_release(conn, version, rendition.language)

    def _enqueue_release(self, conn: Connection, version: Version, language: str) -> None:
        self._enqueue(
            conn,
            self.release.kind,
            self.release.job_key(version.story_id, version.version, language),
            _rendition_payload(version, language),
            run_at=version.embargoed.timestamp() if version.embargoed else None,
        )

    def _enqueue(
        self,
        conn: Connection,
        kind: str,
        key: str,
        payload: dict[str, Any],
        run_at: float | None = None,
    ) -> None:
        enqueue(
            conn, kind, key, payload, run_at=run_at, max_attempts=self.settings.jobs.max_attempts
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


def _rendition_payload(version: Version, language: str) -> dict[str, Any]:
    return {"story_id": version.story_id, "version": version.version, "language": language}
