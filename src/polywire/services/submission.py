"""How a submission is extracted and stored, in one transaction: as a new story, as a new version
of the story it names or the wire recognises by its text, as the translation of a story the wire
holds (a partner wire's), or not at all when the same content is already stored.
`StoryService.submit` checks the input and who may submit, then hands it over as `Received` to the
wire's intake (`polywire.services.intake`: this process, or one of its own while `serve` answers
the API), which calls `receive`."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from polywire.check.model import Text
from polywire.domain import (
    BadInput,
    Extraction,
    NotFound,
    Rendition,
    RenditionState,
    Story,
    StoryState,
)
from polywire.ingest.core import extract
from polywire.ingest.same_story import find_same_story, remember
from polywire.ingest.versions import content_hash, version_from
from polywire.language_tags import language_tag, same_language
from polywire.match.candidates import find_translated_story
from polywire.services.parts import Parts
from polywire.store import stories as store
from polywire.store.types import utcnow

#: The name the submission log lines had before the service took them over, kept for log filters.
log = logging.getLogger("polywire.wire")


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


@dataclass(frozen=True)
class Submission:
    """An extracted submission and what its sender asked of it."""

    extraction: Extraction
    targets: list[str]
    raw: bytes
    source: str
    publisher: str | None
    embargoed: datetime | None
    update_of: str | None
    correction_reason: str | None
    new_story: bool


@dataclass(frozen=True)
class Received:
    """A submission as its sender sent it, checked (who may submit it, its size, its embargo, its
    language and subheadline as given) but not yet read: what crosses, pickled, to the process
    that extracts and stores it."""

    data: bytes
    source: str
    language: str | None
    subheadline: str | None  # given: replaces the one the text printed
    sectors: list[str] | None
    languages: list[str]  # wanted: the targets are these, the source's own excluded
    publisher: str | None
    embargoed: datetime | None
    update_of: str | None
    correction_reason: str | None
    new_story: bool


def receive(wire: Parts, received: Received) -> Submitted:
    """Extract `received` and store it (`store_submission`); bad input raises `BadInput`
    before anything is written."""
    extraction = extract(received.data, source=received.source, language=received.language)
    if received.subheadline:
        extraction.subheadline = received.subheadline
    if received.sectors:
        extraction.sectors = list(received.sectors)
    return store_submission(
        wire,
        Submission(
            extraction,
            targets=target_languages(extraction.language, received.languages),
            raw=received.data,
            source=received.source,
            publisher=received.publisher,
            embargoed=received.embargoed,
            update_of=received.update_of,
            correction_reason=received.correction_reason,
            new_story=received.new_story,
        ),
    )


def store_submission(wire: Parts, sent: Submission) -> Submitted:
    """Store `sent` and queue its stages; see the module's docstring for what it becomes."""
    extraction, source, update_of, publisher = (
        sent.extraction,
        sent.source,
        sent.update_of,
        sent.publisher,
    )
    if sent.new_story and update_of is not None:
        raise BadInput(source, "a new story cannot also be a new version of another")
    digest = content_hash(extraction)
    now = utcnow()
    with wire.database.write() as conn:
        if update_of is not None:
            # an update is filed under its story's publisher; another publisher's is not found
            owner = store.get_story(conn, update_of).publisher
            if publisher is not None and publisher != owner:
                raise NotFound(f"story {update_of!r}: no such story")
            publisher = owner
        publisher = publisher or wire.settings.default_publisher
        same = store.find_version_by_hash(conn, publisher, digest)
        # a story of its own is told apart from a version the wire once filed it as
        if sent.new_story and same is not None and same.version > 1:
            same = None
        if same is not None and (update_of is None or same.story_id == update_of):
            log.info("story %s v%d received again, unchanged", same.story_id, same.version)
            return Submitted(same.story_id, same.version, created=False)
        same_story_of = None
        if update_of is None and not sent.new_story:
            recognised = find_same_story(
                conn, publisher, extraction, now=now, settings=wire.settings.ingest
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
                linked = _link_translation(wire, conn, sent, publisher, now)
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
        version = version_from(
            extraction, story_id, number, now, sent.embargoed, sent.correction_reason, digest
        )
        version.target_languages = sent.targets
        store.insert_version(conn, version)
        remember(conn, story_id, publisher, extraction, now=now)
        store.insert_submission(conn, story_id, number, source, sent.raw)
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
        for language in sent.targets:
            store.save_rendition(
                conn, Rendition(story_id, number, language, RenditionState.TRANSLATING)
            )
        wire.pipeline.after_submit(conn, version)
    log.info("story %s v%d received from %s (%s)", story_id, number, source, version.language)
    return Submitted(story_id, number, created=True, same_story_of=same_story_of)


def _link_translation(
    wire: Parts, conn: Connection, sent: Submission, publisher: str, now: datetime
) -> Submitted | None:
    """A translation of a story we hold (a partner wire's, say) becomes its rendition in that
    language and is checked like the wire's own; None when it translates nothing we hold."""
    extraction = sent.extraction
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
        model=sent.source,
        # the partner's line under its headline translates ours only when we have one
        subheadline=extraction.subheadline if version.subheadline else None,
    )
    store.save_rendition(conn, rendition)
    store.insert_submission(conn, version.story_id, version.version, sent.source, sent.raw)
    wire.pipeline.check_received(conn, rendition)
    log.info(
        "%s is the %s translation of story %s v%d (score %.2f)",
        sent.source,
        language,
        version.story_id,
        version.version,
        verdict.score,
    )
    return Submitted(version.story_id, version.version, created=True)


def target_languages(source_language: str, wanted: list[str]) -> list[str]:
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
