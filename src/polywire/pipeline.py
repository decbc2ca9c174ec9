"""Which stage follows which.

    submit ─► classify ─┬─► translate (per target) ─► check ─► release ─┬─► fanout ─► deliver
                        └───────────────────────────────────► release ─┴─► websub ─► websub-push
                                                       (the source)   (at the embargo time)

Each arrow is a durable job enqueued in the same transaction as the state it follows from: a
stage's handler returns the commit that writes its effects, and the pipeline adds, inside that
same commit, the jobs that follow from what the stage wrote. Stages never enqueue each other.
A translation the check doubts, or the review policy holds (`polywire.publish.editorial.policy`: by
default Apertium's and pivots'), waits for an editor (`needs_review`); one no engine can do
(`unsupported`) or that failed stops there, and says why on the rendition.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from sqlalchemy import Connection, select

from polywire.bus.base import Commit, EventLog, JobQueue, Lease
from polywire.bus.outbox import enqueue
from polywire.bus.worker import Handler, Worker
from polywire.check.stage import CheckStage
from polywire.classify.stage import ClassifyStage
from polywire.config import Settings
from polywire.domain import Rendition, RenditionState, Version
from polywire.glossary_scope import GlossaryScope
from polywire.publish.deliver.notices import DisabledNoticeStage
from polywire.publish.deliver.stages import enqueue_fanout
from polywire.publish.deliver.wiring import PublishStages
from polywire.publish.editorial.policy_service import ReviewPolicy
from polywire.publish.feeds.websub import WebSubPushStage, WebSubStage, WebSubVerifyStage
from polywire.publish.release.stage import ReleaseStage
from polywire.store import stories as store
from polywire.store.db import Database
from polywire.store.tables import events
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
        self.classify = ClassifyStage(database, settings)
        self.translate = TranslateStage(settings, database)
        self.check = CheckStage(database, settings.check, decide=ReviewPolicy(settings))
        self.release = ReleaseStage(database, events)
        self.publish = PublishStages(settings, database)
        websub = WebSubStage(database, events, settings.deliver)
        self._stages: dict[str, tuple[Stage, Follow | None]] = {
            self.classify.kind: (self.classify, self._after_classify),
            self.translate.kind: (self.translate, self._after_translate),
            self.check.kind: (
                GlossaryScope(self.check, database, settings.translate.glossaries),
                self._after_check,
            ),
            self.release.kind: (self.release, self._after_release),
            self.publish.fanout.kind: (self.publish.fanout, None),
            self.publish.deliver.kind: (self.publish.deliver, None),
            DisabledNoticeStage.kind: (DisabledNoticeStage(database, settings), None),
            websub.kind: (websub, None),
            WebSubVerifyStage.kind: (WebSubVerifyStage(database, self.publish.client), None),
            WebSubPushStage.kind: (
                WebSubPushStage(database, self.publish.client, settings),
                None,
            ),
        }

    @property
    def handlers(self) -> dict[str, Handler]:
        """Every stage. Servers also run a `delivery_worker` with many slots for deliveries."""
        return {
            kind: self._chained(stage, follow) for kind, (stage, follow) in self._stages.items()
        }

    def delivery_worker(self, queue: JobQueue, *, name: str | None = None) -> Worker:
        """Deliveries wait on the network: many slots, so a slow endpoint never holds the rest."""
        return self.publish.delivery_worker(queue, name=name)

    async def aclose(self) -> None:
        await self.publish.aclose()

    # --- what follows what -----------------------------------------------------------------

    def after_submit(self, conn: Connection, version: Version) -> None:
        """A new version is stored: classify it first, everything else follows from that."""
        self._enqueue(
            conn,
            self.classify.kind,
            self.classify.job_key(version.story_id, version.version),
            {"story_id": version.story_id, "version": version.version},
        )

    def release_now(self, conn: Connection, renditions: list[Rendition]) -> None:
        """Release renditions that need no stage before (a withdrawal, an editor's approval);
        the release stage still waits for the version's embargo."""
        for rendition in renditions:
            key = self.release.job_key(rendition.story_id, rendition.version, rendition.language)
            self._enqueue(
                conn,
                self.release.kind,
                f"{key}:now:{uuid.uuid4().hex[:12]}",  # a held rendition may be approved again
                _payload(rendition.story_id, rendition.version, rendition.language),
            )

    def check_received(self, conn: Connection, rendition: Rendition) -> None:
        """A translation received from elsewhere is checked like the wire's own, then released."""
        self._enqueue(
            conn,
            self.check.kind,
            self.check.job_key(rendition.story_id, rendition.version, rendition.language),
            _payload(rendition.story_id, rendition.version, rendition.language),
        )

    def approve(self, conn: Connection, rendition: Rendition) -> None:
        """An editor approved a rendition held for review: release it at the embargo time."""
        version = store.get_version(conn, rendition.story_id, rendition.version)
        self._enqueue_release(conn, version, rendition.language)

    def _after_classify(self, conn: Connection, payload: dict[str, Any]) -> None:
        version = store.get_version(conn, payload["story_id"], payload["version"])
        for language in version.target_languages:
            self._enqueue(
                conn,
                self.translate.kind,
                self.translate.job_key(version.story_id, version.version, language),
                _payload(version.story_id, version.version, language),
            )
        self._enqueue_release(conn, version, version.language)

    def _after_translate(self, conn: Connection, payload: dict[str, Any]) -> None:
        rendition = _rendition(conn, payload)
        if rendition.state == RenditionState.PENDING:
            self._enqueue(
                conn,
                self.check.kind,
                self.check.job_key(rendition.story_id, rendition.version, rendition.language),
                _payload(rendition.story_id, rendition.version, rendition.language),
            )

    def _after_check(self, conn: Connection, payload: dict[str, Any]) -> None:
        rendition = _rendition(conn, payload)
        if rendition.state == RenditionState.CHECKED:
            self.approve(conn, rendition)

    def _after_release(self, conn: Connection, payload: dict[str, Any]) -> None:
        seq = conn.execute(
            select(events.c.seq)
            .where(
                events.c.type == "released",
                events.c.story_id == payload["story_id"],
                events.c.version == payload["version"],
                events.c.language == payload["language"],
            )
            .order_by(events.c.seq.desc())
            .limit(1)
        ).scalar_one_or_none()
        if seq is None:
            return
        enqueue_fanout(conn, seq, payload["story_id"], payload["version"], payload["language"])
        self._enqueue(conn, WebSubStage.kind, WebSubStage.job_key(seq), {"seq": seq})

    def _enqueue_release(self, conn: Connection, version: Version, language: str) -> None:
        self._enqueue(
            conn,
            self.release.kind,
            self.release.job_key(version.story_id, version.version, language),
            _payload(version.story_id, version.version, language),
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


def _payload(story_id: str, version: int, language: str) -> dict[str, Any]:
    return {"story_id": story_id, "version": version, "language": language}


def _rendition(conn: Connection, payload: dict[str, Any]) -> Rendition:
    return store.get_rendition(conn, payload["story_id"], payload["version"], payload["language"])
