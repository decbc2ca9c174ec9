"""The wire as one object: what the command line and the HTTP API ask of it.

`Wire` opens the store, brings its schema up to date, and runs stories through the pipeline.
It holds no business rule of its own: it calls the stages and the store.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from polywire.bus.base import EventLog, JobQueue
from polywire.bus.event_log import SqlEventLog
from polywire.bus.event_stream import EventPublisher, JetStreamEventLog
from polywire.bus.nats_queue import NatsJobQueue
from polywire.bus.sql_queue import SqlJobQueue
from polywire.bus.worker import Worker
from polywire.check.model import Text
from polywire.config import Settings
from polywire.domain import (
    BadInput,
    Extraction,
    NotFound,
    Rendition,
    RenditionState,
    Story,
    StoryState,
    Version,
    zoned_utc,
)
from polywire.ingest import extract
from polywire.ingest.same_story import find_same_story, remember
from polywire.ingest.subheadlines import given_subheadline
from polywire.language_tags import language_tag, same_language
from polywire.match.candidates import find_translated_story
from polywire.pipeline import Pipeline
from polywire.publish.formats.ninjs import to_ninjs
from polywire.store import report_queries as counts
from polywire.store import stories as store
from polywire.store.db import Database, wait_until_reachable
from polywire.store.migrate import upgrade_once
from polywire.store.types import utcnow

log = logging.getLogger("polywire.wire")

#: How long a readiness check waits for the database.
READY_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class SameStoryOf:
    """The stored story a submission was recognised as a new version of, by its text."""

    story_id: str
    headline: str  # of the version it follows
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.story_id, "headline": self.headline, "score": self.score}


@dataclass(frozen=True)
class Submitted:
    """The outcome of a submission: which story and version it became."""

    story_id: str
    version: int
    created: bool  # False when the same content was already stored (nothing new was written)
    same_story_of: SameStoryOf | None = None  # set when the wire, not the sender, chose the story

    def announcement(self) -> str | None:
        """What a user is told when a submission became a version of a story they did not name."""
        if self.same_story_of is None:
            return None
        same = self.same_story_of
        return (
            f"stored as version {self.version} of {same.story_id} {same.headline!r} "
            f"(same story, score {same.score:.2f})"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.story_id,
            "version": self.version,
            "created": self.created,
            "same_story_of": self.same_story_of.to_json() if self.same_story_of else None,
        }


@dataclass
class StoryView:
    story: Story
    versions: list[Version]
    renditions: list[Rendition]

    @property
    def shown_state(self) -> StoryState:
        """The story's state as the lists show it (`store.stories.shown_state`): a language of
        its latest version held for an editor makes it need review, unless it was withdrawn."""
        held = any(
            r.version == self.story.latest_version and r.state == RenditionState.NEEDS_REVIEW
            for r in self.renditions
        )
        if held and self.story.state != StoryState.WITHDRAWN:
            return StoryState.NEEDS_REVIEW
        return self.story.state

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.story.id,
            "uri": self.story.uri,
            "publisher": self.story.publisher,
            "source_language": self.story.source_language,
            "state": self.shown_state.value,
            "created": self.story.created.isoformat(),
            "latest_version": self.story.latest_version,
            "versions": [
                {
                    "version": v.version,
                    "versioncreated": v.versioncreated.isoformat(),
                    "language": v.language,
                    "headline": v.headline,
                    "body": v.body,
                    "pubstatus": v.pubstatus.value,
                    "located": v.located,
                    "by": v.by,
                    "sectors": v.sectors,
                    "embargoed": v.embargoed.isoformat() if v.embargoed else None,
                    "correction_reason": v.correction_reason,
                    "dateline_date": v.dateline_date,
                    "about": [a.to_json() for a in v.about],
                    "contacts": [c.to_json() for c in v.contacts],
                    "pictures": [p.to_json() for p in v.pictures],
                    "subheadline": v.subheadline,
                    "renditions": [
                        {
                            "language": r.language,
                            "state": r.state.value,
                            "is_source": r.is_source,
                            "headline": r.headline,
                            "subheadline": r.subheadline,
                            "body": r.body,
                            "engine": r.engine,
                            "model": r.model,
                            "check": r.check,
                            "error": r.error,
                            "edited_by": r.edited_by,
                            "carried_from": r.carried_from,
                        }
                        for r in self.renditions
                        if r.version == v.version
                    ],
                }
                for v in self.versions
            ],
        }


@dataclass
class Report:
    """What the wire holds: for `polywire demo --once` and health pages."""

    stories: int
    versions: int
    languages: list[str]
    renditions: dict[str, int]
    events: int
    deliveries: int
    jobs: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "versions": self.versions,
            "languages": self.languages,
            "renditions": self.renditions,
            "events": self.events,
            "deliveries": self.deliveries,
            "jobs": self.jobs,
        }


class Wire:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.database = Database(settings.resolved_database_url)
        wait_until_reachable(self.database, settings.database_wait_seconds)
        upgrade_once(self.database)
        self.events: EventLog = (
            JetStreamEventLog(
                self.database,
                EventPublisher(
                    settings.nats_url, settings.nats_prefix, settings.jobs.nats_reconnect_seconds
                ),
            )
            if settings.bus == "nats"
            else SqlEventLog(self.database)
        )
        self.queue: JobQueue = (
            NatsJobQueue(self.database, settings.jobs, settings.nats_url, settings.nats_prefix)
            if settings.bus == "nats"
            else SqlJobQueue(self.database, settings.jobs)
        )
        self.pipeline = Pipeline(settings, self.database, self.events)

    def close(self) -> None:
        self.events.close()
        self.database.dispose()

    async def problems(self) -> list[str]:
        """What keeps this process from doing its work, for `/readyz`: the database does not
        answer, or the job bus is not connected. Empty when it is ready."""
        found: list[str] = []
        try:
            await asyncio.wait_for(asyncio.to_thread(self._ask_database), READY_WAIT_SECONDS)
        except (SQLAlchemyError, TimeoutError) as error:
            found.append(
                f"the database at {self.database.where} does not answer ({type(error).__name__})"
            )
        bus = await self.queue.problem()
        if bus is not None:
            found.append(bus)
        return found

    def _ask_database(self) -> None:
        with self.database.read() as conn:
            conn.execute(select(1))

    def worker(self, *, name: str | None = None) -> Worker:
        return Worker(
            self.queue,
            self.pipeline.handlers,
            concurrency=self.settings.jobs.workers,
            poll_seconds=self.settings.jobs.poll_seconds,
            lease_seconds=self.settings.jobs.lease_seconds,
            name=name,
        )

    # --- submitting ----------------------------------------------------------------------

    def submit(
        self,
        data: bytes,
        *,
        source: str,
        language: str | None = None,
        sectors: list[str] | None = None,
        languages: list[str] | None = None,
        publisher: str | None = None,
        embargoed: datetime | None = None,
        update_of: str | None = None,
        correction_reason: str | None = None,
        new_story: bool = False,
        subheadline: str | None = None,
    ) -> Submitted:
        """Extract `data` and store it as a new story, or as a new version of `update_of`, or
        of the story the wire recognises by its text (never when `new_story`). A `subheadline`
        given replaces the one the text printed.

        Bad input raises `BadInput` before anything is written."""
        if len(data) > self.settings.max_upload_bytes:
            raise BadInput(
                source,
                f"{len(data)} bytes is more than the limit of {self.settings.max_upload_bytes}",
                status=413,
            )
        if embargoed is not None and embargoed.tzinfo is None:
            raise BadInput(source, "the embargo time needs a time zone (e.g. 2026-05-01T09:00Z)")
        if embargoed is not None:
            zoned_utc(embargoed, "embargoed")
        if language is not None:
            language = language_tag(language, source="language")
        given = given_subheadline(subheadline)
        extraction = extract(data, source=source, language=language)
        if given:
            extraction.subheadline = given
        if sectors:
            extraction.sectors = list(sectors)
        targets = _target_languages(
            extraction.language, self.settings.languages if languages is None else languages
        )
        return self._store_submission(
            extraction,
            targets=targets,
            raw=data,
            source=source,
            publisher=publisher,
            embargoed=embargoed,
            update_of=update_of,
            correction_reason=correction_reason,
            new_story=new_story,
        )

    def _store_submission(
        self,
        extraction: Extraction,
        *,
        targets: list[str],
        raw: bytes,
        source: str,
        publisher: str | None,
        embargoed: datetime | None,
        update_of: str | None,
        correction_reason: str | None,
        new_story: bool,
    ) -> Submitted:
        if new_story and update_of is not None:
            raise BadInput(source, "a new story cannot also be a new version of another")
        content_hash = _content_hash(extraction)
        now = utcnow()
        with self.database.write() as conn:
            if update_of is not None:
                # an update is filed under its story's publisher; another publisher's is not found
                owner = store.get_story(conn, update_of).publisher
                if publisher is not None and publisher != owner:
                    raise NotFound(f"story {update_of!r}: no such story")
                publisher = owner
            publisher = publisher or self.settings.default_publisher
            same = store.find_version_by_hash(conn, publisher, content_hash)
            # a story of its own is told apart from a version the wire once filed it as
            if new_story and same is not None and same.version > 1:
                same = None
            if same is not None and (update_of is None or same.story_id == update_of):
                log.info("story %s v%d received again, unchanged", same.story_id, same.version)
                return Submitted(same.story_id, same.version, created=False)
            same_story_of = None
            if update_of is None and not new_story:
                recognised = find_same_story(
                    conn, publisher, extraction, now=now, settings=self.settings.ingest
                )
                if recognised is not None:
                    update_of = recognised.story_id
                    follows = store.get_version(conn, update_of, None)
                    same_story_of = SameStoryOf(update_of, follows.headline, recognised.score)
                    log.info(
                        "%s is a new version of story %s (score %.2f)",
                        source,
                        update_of,
                        recognised.score,
                    )
                else:
                    linked = self._link_translation(conn, extraction, raw, source, publisher, now)
                    if linked is not None:
                        return linked
            if update_of is None:
                story_id = uuid.uuid4().hex
                number = 1
                store.insert_story(
                    conn,
                    Story(
                        id=story_id,
                        uri=f"urn:polywire:story:{story_id}",
                        publisher=publisher,
                        source_language=extraction.language,
                        state=StoryState.PROCESSING,
                        created=now,
                        latest_version=1,
                    ),
                )
            else:
                story = store.get_story(conn, update_of)
                _same_language_as(story, extraction.language, source)
                story_id, number = story.id, story.latest_version + 1
                store.set_story_state(conn, story_id, StoryState.PROCESSING, latest_version=number)
            version = _version_from(
                extraction, story_id, number, now, embargoed, correction_reason, content_hash
            )
            version.target_languages = targets
            store.insert_version(conn, version)
            remember(conn, story_id, publisher, extraction, now=now)
            store.insert_submission(conn, story_id, number, source, raw)
            source_rendition = Rendition(
                story_id=story_id,
                version=number,
                language=version.language,
                state=RenditionState.PENDING,
                headline=version.headline,
                body=version.body,
                is_source=True,
            )
            source_rendition.set_furniture(version, version.furniture_texts())
            store.save_rendition(conn, source_rendition)
            for language in targets:
                store.save_rendition(
                    conn, Rendition(story_id, number, language, RenditionState.TRANSLATING)
                )
            self.pipeline.after_submit(conn, version)
        log.info("story %s v%d received from %s (%s)", story_id, number, source, version.language)
        return Submitted(story_id, number, created=True, same_story_of=same_story_of)

    def _link_translation(
        self,
        conn: Connection,
        extraction: Extraction,
        raw: bytes,
        source: str,
        publisher: str,
        now: datetime,
    ) -> Submitted | None:
        """A translation of a story we hold (a partner wire's, say) becomes its rendition in that
        language and is checked like the wire's own; None when it translates nothing we hold."""
        found = find_translated_story(
            conn, Text(extraction.language, extraction.headline, extraction.body), now
        )
        if found is None:
            return None
        version, verdict = found
        if store.get_story(conn, version.story_id).publisher != publisher:
            return None
        language = extraction.language
        existing = store.list_renditions(conn, version.story_id, version.version)
        if any(r.language == language and r.state == RenditionState.RELEASED for r in existing):
            return None
        rendition = Rendition(
            story_id=version.story_id,
            version=version.version,
            language=language,
            state=RenditionState.PENDING,
            headline=extraction.headline,
            body=list(extraction.body),
            engine="received",
            model=source,
            # the partner's line under its headline translates ours only when we have one
            subheadline=extraction.subheadline if version.subheadline else None,
        )
        store.save_rendition(conn, rendition)
        store.insert_submission(conn, version.story_id, version.version, source, raw)
        self.pipeline.check_received(conn, rendition)
        log.info(
            "%s is the %s translation of story %s v%d (score %.2f)",
            source,
            language,
            version.story_id,
            version.version,
            verdict.score,
        )
        return Submitted(version.story_id, version.version, created=True)

    # --- reading -------------------------------------------------------------------------

    def story(self, story_id: str) -> StoryView:
        with self.database.read() as conn:
            return StoryView(
                story=store.get_story(conn, story_id),
                versions=store.list_versions(conn, story_id),
                renditions=store.list_renditions(conn, story_id),
            )

    def stories(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        publisher: str | None = None,
        state: StoryState | None = None,
    ) -> list[Story]:
        """Stories, most recently updated first, in the state lists show (the worst of their
        languages: `needs_review` when one waits for an editor); only `publisher`'s when given,
        only those in `state` when given."""
        with self.database.read() as conn:
            return store.list_stories(
                conn, publisher=publisher, state=state, limit=limit, offset=offset
            )

    def listed(self, found: list[Story]) -> list[dict[str, Any]]:
        """Stories as the lists show them (`GET /v1/stories`, `polywire stories`): each with its
        latest version's headline and the state of each language of that version."""
        rows: list[dict[str, Any]] = []
        with self.database.read() as conn:
            for story in found:
                latest = store.get_version(conn, story.id, story.latest_version)
                renditions = store.list_renditions(conn, story.id, story.latest_version)
                rows.append(
                    {
                        "id": story.id,
                        "uri": story.uri,
                        "state": story.state.value,
                        "latest_version": story.latest_version,
                        "source_language": story.source_language,
                        "headline": latest.headline,
                        "languages": {r.language: r.state.value for r in renditions},
                    }
                )
        return rows

    def ninjs(
        self, story_id: str, language: str | None = None, version: int | None = None
    ) -> dict[str, Any]:
        with self.database.read() as conn:
            story = store.get_story(conn, story_id)
            found = store.get_version(conn, story_id, version)
            rendition = store.get_rendition(
                conn, story_id, found.version, language or story.source_language
            )
        return to_ninjs(story, found, rendition, self.settings)

    def report(self, publisher: str | None = None) -> Report:
        """What the wire holds; only `publisher`'s stories and the work on them when given."""
        with self.database.read() as conn:
            return Report(
                stories=counts.count_stories(conn, publisher),
                versions=counts.count_versions(conn, publisher),
                languages=counts.released_languages(conn, publisher),
                renditions=counts.count_renditions_by_state(conn, publisher),
                events=(
                    self.events.last_seq()
                    if publisher is None
                    else counts.count_events(conn, publisher)
                ),
                deliveries=counts.count_delivered(conn, publisher),
                jobs=counts.count_jobs_by_state(conn, publisher),
            )


def _target_languages(source_language: str, wanted: list[str]) -> list[str]:
    """The languages to translate into: valid BCP 47 tags, each once, the source's excluded."""
    targets: list[str] = []
    for value in wanted:
        tag = language_tag(value, source="languages")
        if tag != source_language and tag not in targets:
            targets.append(tag)
    return targets


def _same_language_as(story: Story, language: str, source: str) -> None:
    """A new version is in its story's language (a region aside: `en-GB` of an `en` story); a
    text in another language is a translation, not a version."""
    if same_language(story.source_language, language):
        return
    raise BadInput(
        source,
        f"this version is in {language!r} but story {story.id} is in "
        f"{story.source_language!r}: send it as the story's translation "
        f"(polywire review edit {story.id} --language {language}, or PUT "
        f"/v1/stories/{story.id}/languages/{language}) or as a story of its own "
        "(--new-story, or new_story: true)",
        status=409,
    )


def _content_hash(extraction: Extraction) -> str:
    """What makes two submissions the same: headline and body, the subheadline when there is one,
    and the publisher's About paragraphs, contacts and pictures when it gave any (a new contact
    is a new version)."""
    content: list[object] = [extraction.headline, extraction.body]
    if extraction.subheadline:
        content.append({"subheadline": extraction.subheadline})
    extras = extraction.to_json()
    if extraction.about or extraction.contacts or extraction.pictures:
        content += [extras["about"], extras["contacts"], extras["pictures"]]
    canonical = json.dumps(content, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _version_from(
    extraction: Extraction,
    story_id: str,
    number: int,
    now: datetime,
    embargoed: datetime | None,
    correction_reason: str | None,
    content_hash: str,
) -> Version:
    return Version(
        story_id=story_id,
        version=number,
        versioncreated=now,
        language=extraction.language,
        headline=extraction.headline,
        body=extraction.body,
        located=extraction.dateline.place if extraction.dateline else None,
        by=extraction.byline,
        dateline_source=extraction.dateline.source if extraction.dateline else None,
        credit=extraction.credit,
        captions=extraction.captions,
        notices=extraction.notices,
        sectors=extraction.sectors,
        embargoed=embargoed,
        correction_reason=correction_reason,
        content_hash=content_hash,
        dateline_date=extraction.dateline.date if extraction.dateline else None,
        about=list(extraction.about),
        contacts=list(extraction.contacts),
        pictures=list(extraction.pictures),
        subheadline=extraction.subheadline,
    )
