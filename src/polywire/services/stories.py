"""Stories: submitting one (a new story, a new version, a correction) and reading them (the list,
one story with its versions and languages, a language as ninjs).

It also counts what the wire holds (`report`), for `/v1/report`, the desk's health page and
`polywire demo --once`.

The rule of who may do what: a principal bound to a publisher submits as that publisher, and
reads, updates and corrects only its publisher's stories (another's is `Forbidden`, with the same
words through every door); one bound to none, and the operator, reach every story; submitting
needs the `write` scope. A story that does not exist is `NotFound` before it is anyone's. How a
submission is stored is `polywire.services.submission`'s.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from polywire.accounts import access
from polywire.domain import (
    BadInput,
    Forbidden,
    Rendition,
    RenditionState,
    Story,
    StoryState,
    Version,
    zoned_utc,
)
from polywire.ingest.subheadlines import given_subheadline
from polywire.language_tags import language_tag
from polywire.publish.formats.ninjs import to_ninjs
from polywire.services.acting import Actor, may_write, publisher_of
from polywire.services.parts import Parts
from polywire.services.submission import Received, Submitted
from polywire.store import report_queries as counts
from polywire.store import stories as store
from polywire.store.newsroom_queries import StoryLine as StoryLine  # what `lines` answers
from polywire.store.newsroom_queries import story_lines
from polywire.surrogates import require_text


@dataclass
class StoryView:
    """A story with all its versions and every language of each, as `GET /v1/stories/{id}` and
    `polywire show` answer it."""

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
            "versions": [_version_json(v, self.renditions) for v in self.versions],
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


class StoryService:
    def __init__(self, wire: Parts) -> None:
        self.wire = wire

    def reach(self, actor: Actor, story_id: str) -> Story:
        """The story, when the actor may reach it: `NotFound` for an unknown one, `Forbidden`
        for another publisher's."""
        with self.wire.database.read() as conn:
            return _reach(conn, actor, story_id)

    def submit(
        self,
        actor: Actor,
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
        given replaces the one the text printed. A principal bound to a publisher submits as
        it; `publisher` chooses one only for an actor bound to none (the operator submitting a
        feed's story, an admin on the desk); the default publisher otherwise. The wire's
        intake extracts and stores it, in this process or in one of its own
        (`polywire.services.intake`).

        Bad input raises `BadInput` before anything is written."""
        may_write(actor)
        if actor is not None:
            own = publisher_of(actor)
            if publisher is not None and own is not None and publisher != own:
                raise Forbidden(f"{actor.user.name!r} submits only as {own!r}")
            publisher = own or publisher
            if update_of is not None:
                self.reach(actor, update_of)
        limit = self.wire.settings.max_upload_bytes
        if len(data) > limit:
            raise BadInput(
                source, f"{len(data)} bytes is more than the limit of {limit}", status=413
            )
        if embargoed is not None and embargoed.tzinfo is None:
            raise BadInput(source, "the embargo time needs a time zone (e.g. 2026-05-01T09:00Z)")
        if embargoed is not None:
            zoned_utc(embargoed, "embargoed")
        if language is not None:
            language = language_tag(language, source="language")
        wanted = self.wire.settings.languages if languages is None else languages
        return self.wire.intake(
            Received(
                data,
                source=source,
                language=language,
                subheadline=given_subheadline(subheadline),
                sectors=sectors,
                languages=list(wanted),
                publisher=publisher,
                embargoed=embargoed,
                update_of=update_of,
                correction_reason=correction_reason,
                new_story=new_story,
            )
        )

    def story(self, actor: Actor, story_id: str) -> StoryView:
        """One story with all its versions and the languages of each."""
        with self.wire.database.read() as conn:
            return StoryView(
                story=_reach(conn, actor, story_id),
                versions=store.list_versions(conn, story_id),
                renditions=store.list_renditions(conn, story_id),
            )

    def stories(
        self,
        actor: Actor,
        *,
        limit: int = 50,
        offset: int = 0,
        state: StoryState | None = None,
    ) -> list[Story]:
        """The stories the actor may see, most recently updated first, in the state lists show
        (the worst of their languages: `needs_review` when one waits for an editor); only
        those in `state` when given."""
        with self.wire.database.read() as conn:
            return store.list_stories(
                conn, publisher=publisher_of(actor), state=state, limit=limit, offset=offset
            )

    def lines(
        self,
        actor: Actor,
        *,
        limit: int = 50,
        offset: int = 0,
        state: StoryState | None = None,
        search: str | None = None,
    ) -> list[StoryLine]:
        """`stories` as the lists show them (`GET /v1/stories`, `polywire stories`, the desk):
        each with its latest version's headline, the state of each language of that version and
        how many deliveries of each arrived; with `search`, only those whose headline holds it
        (in any case)."""
        with self.wire.database.read() as conn:
            return story_lines(
                conn,
                publisher=publisher_of(actor),
                state=state,
                search=searched(search) if search else None,
                limit=limit,
                offset=offset,
            )

    def ninjs(
        self,
        actor: Actor,
        story_id: str,
        language: str | None = None,
        version: int | None = None,
    ) -> dict[str, Any]:
        """A language of a version (the source, of the latest, by default) as IPTC ninjs; a
        language that is no BCP 47 tag is `BadInput` with a suggestion, as everywhere a
        language is given (it was a 404 naming no rendition), and its tag is read in the wire's
        spelling (`pt-br` is `pt-BR`)."""
        wanted = language_tag(language) if language else None
        with self.wire.database.read() as conn:
            story = _reach(conn, actor, story_id)
            found = store.get_version(conn, story_id, version)
            rendition = store.get_rendition(
                conn, story_id, found.version, wanted or story.source_language
            )
        return to_ninjs(story, found, rendition, self.wire.settings)

    def report(self, actor: Actor) -> Report:
        """What the wire holds: stories, versions, languages, events, deliveries, jobs; only
        the actor's publisher's stories and the work on them when it is bound to one."""
        publisher = publisher_of(actor)
        with self.wire.database.read() as conn:
            return Report(
                stories=counts.count_stories(conn, publisher),
                versions=counts.count_versions(conn, publisher),
                languages=counts.released_languages(conn, publisher),
                renditions=counts.count_renditions_by_state(conn, publisher),
                events=(
                    self.wire.events.last_seq()
                    if publisher is None
                    else counts.count_events(conn, publisher)
                ),
                deliveries=counts.count_delivered(conn, publisher),
                jobs=counts.count_jobs_by_state(conn, publisher),
            )


def _reach(conn: Connection, actor: Actor, story_id: str) -> Story:
    if actor is None:
        return store.get_story(conn, story_id)
    return access.story_for(conn, actor.user, story_id)


def _version_json(v: Version, renditions: list[Rendition]) -> dict[str, Any]:
    return {
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
            for r in renditions
            if r.version == v.version
        ],
    }


#: The longest headline search (`q=`, `--search`, the desk's box) the wire runs.
MAX_SEARCH = 200


def searched(search: str) -> str | None:
    """`search` as the store looks for it: trimmed, None when nothing is left; `BadInput`
    naming it when it is longer than `MAX_SEARCH` or holds a control character (SQLite ends a
    LIKE pattern at U+0000, so it found every story, and PostgreSQL refuses it) or a lone
    surrogate."""
    text = require_text(search, "search").strip()
    if not text:
        return None
    if len(text) > MAX_SEARCH:
        raise BadInput(
            f"search {text[:20]!r}…", f"{len(text)} characters; a search holds {MAX_SEARCH} at most"
        )
    control = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    if control is not None:
        raise BadInput(
            f"search {text!r}",
            f"holds the control character U+{ord(control):04X}; search for a headline's words",
        )
    return text
