"""Reviewing the translations of a story's latest version: an editor's own translation (checked
again before it is saved, and learnt by the translation memory), hold, approve, and approve every
language that is ready. One place, so the desk, the HTTP API and the command line apply the same
rules.

Each function works inside the caller's write transaction. `by` is who acts: a user (kept to its
publisher's stories; only editors and admins write translations), or None for whoever holds the
store itself (the command line on the data directory, an API that asks no one to sign in).
Approving releases through the pipeline's release job, which still waits for an embargo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from polywire.accounts.access import Forbidden, story_for
from polywire.check import Text, check_translation
from polywire.check.stage import decide
from polywire.domain import (
    BadInput,
    NotFound,
    Rendition,
    RenditionState,
    Story,
    User,
    furniture_pair,
)
from polywire.glossary import applied, for_publisher
from polywire.ingest.subheadlines import given_subheadline
from polywire.language_tags import language_tag, written_language
from polywire.publish.editorial.corrections import correct_translation
from polywire.publish.editorial.wire_parts import WireParts
from polywire.store import stories as store
from polywire.translate.human import HUMAN, learn
from polywire.translate.sql_memory import SqlMemory

#: States from which a translation may still be changed, approved or held (a language no engine
#: can do, or whose engines failed, is translated by hand).
OPEN = frozenset(
    {
        RenditionState.PENDING,
        RenditionState.CHECKED,
        RenditionState.NEEDS_REVIEW,
        RenditionState.FAILED,
        RenditionState.UNSUPPORTED,
    }
)

#: Why "release everything ready" leaves a language out, by its state.
_LEFT_OUT = {
    RenditionState.NEEDS_REVIEW: "held for review: approve it on its own first",
    RenditionState.PENDING: "not checked yet",
    RenditionState.TRANSLATING: "still being translated",
    RenditionState.FAILED: "no translation yet: write one, then approve it",
    RenditionState.UNSUPPORTED: "no engine translates it: write one, then approve it",
}

#: A state that forbids the action is a conflict with the rendition as it is, not bad input.
_CONFLICT = 409
#: Who edited, when the store's own operator (the command line on the data directory) did.
EDITOR = "editor"


@dataclass(frozen=True)
class Reviewed:
    """One language after a review action, and what was done to it, in words."""

    rendition: Rendition
    done: str

    def to_json(self) -> dict[str, Any]:
        check = self.rendition.check or {}
        return {
            "id": self.rendition.story_id,
            "version": self.rendition.version,
            "language": self.rendition.language,
            "state": self.rendition.state.value,
            "verdict": check.get("verdict"),
            "findings": check.get("findings", []),
            "done": self.done,
        }


def edit_translation(
    conn: Connection,
    wire: WireParts,
    story_id: str,
    language: str,
    headline: str,
    body: list[str],
    by: User | None,
    *,
    note: str | None = None,
    subheadline: str | None = None,
) -> Reviewed:
    """Save a translation written by hand: it is checked against the source, its state follows
    the verdict (as the check stage decides it), and the translation memory learns it. The
    machine that made the text it replaces stays named beside the editor (`edited_by`). A
    `subheadline` given replaces the translation's line under the headline (when the version
    has one); without it the translation keeps its own.

    A released translation is corrected: a new version, released as a correction saying `note`
    to everyone who got it (`polywire.publish.editorial.corrections`)."""
    if by is not None and not by.can_edit_translations:
        story_for(conn, by, story_id)
        raise Forbidden("only editors and admins edit translations")
    story, rendition = _latest_rendition(conn, story_id, language, by)
    if rendition.is_source:
        raise BadInput(language, "the source is changed by submitting a new version")
    edited = " ".join(headline.split()), [" ".join(p.split()) for p in body if p.strip()]
    if not edited[0] or not edited[1]:
        raise BadInput(language, "a translation needs a headline and a body")
    editor = by.name if by else EDITOR
    if subheadline is not None:
        version = store.get_version(conn, story.id, rendition.version)
        subheadline = given_subheadline(subheadline) if version.subheadline else None
    if rendition.state == RenditionState.RELEASED:
        corrected = correct_translation(
            conn, wire, story, rendition, edited, note, editor, subheadline=subheadline
        )
        _teach_memory(conn, wire, _source_of(conn, story, corrected.version), corrected)
        verdict = (corrected.check or {}).get("verdict")
        going = corrected.state == RenditionState.CHECKED
        said = (
            "released as a correction" if going else f"held for review{_findings_said(corrected)}"
        )
        return Reviewed(
            corrected,
            f"{language}: corrected as version {corrected.version}, checked: {verdict}; {said}",
        )
    _must_be_open(rendition)
    rendition.headline, rendition.body = edited
    if subheadline is not None:
        rendition.subheadline = subheadline
    source = _source_of(conn, story, story.latest_version)
    glossary = for_publisher(
        conn, story.publisher, wire.settings.translate.glossaries.get(story.publisher)
    )
    with applied(glossary):
        report = check_translation(*_texts(source, rendition), wire.settings.check)
    rendition.check = report.to_json()
    if not rendition.engine or rendition.state in (
        RenditionState.FAILED,
        RenditionState.UNSUPPORTED,
    ):
        rendition.engine, rendition.model = HUMAN, None  # no machine text to start from
    rendition.edited_by, rendition.error = editor, None
    rendition.state = decide(report, wire.settings.check)
    store.save_rendition(conn, rendition)
    _teach_memory(conn, wire, source, rendition)
    return Reviewed(rendition, f"{language}: saved, checked: {report.verdict.value}")


def hold(conn: Connection, story_id: str, language: str, by: User | None) -> Reviewed:
    """Keep a language back for review: nothing releases it until it is approved."""
    _, rendition = _latest_rendition(conn, story_id, language, by)
    _must_be_open(rendition)
    rendition.state = RenditionState.NEEDS_REVIEW
    store.save_rendition(conn, rendition)
    return Reviewed(rendition, f"{language}: held for review")


def approve(
    conn: Connection, wire: WireParts, story_id: str, language: str, by: User | None
) -> Reviewed:
    """Release a language (at its embargo time), whatever the check thought of it."""
    _, rendition = _latest_rendition(conn, story_id, language, by)
    _must_be_open(rendition)
    return _approve(conn, wire, rendition)


@dataclass(frozen=True)
class Release:
    """What "release everything ready" releases and what it leaves out, and why."""

    approved: list[Reviewed]
    left: list[Reviewed]

    def to_json(self, story_id: str) -> dict[str, Any]:
        return {
            "id": story_id,
            "approved": [a.to_json() for a in self.approved],
            "left": [a.to_json() for a in self.left],
        }

    def summary(self) -> str:
        approved = ", ".join(a.rendition.language for a in self.approved)
        said = [f"approved for release: {approved or 'nothing left to release'}"]
        said += [f"left out {left.done}" for left in self.left]
        return "; ".join(said)


def plan_release(conn: Connection, story_id: str, by: User | None) -> Release:
    """What `release_ready` would do, without doing it: for the desk's confirmation step."""
    story = _story(conn, story_id, by)
    found = store.list_renditions(conn, story_id, story.latest_version)
    ordered = sorted(found, key=lambda r: not r.is_source)  # the source first, as on the desk
    approved = [Reviewed(r, f"{r.language}: approved for release") for r in ordered if _ready(r)]
    left = [
        Reviewed(r, f"{r.language}: {_LEFT_OUT[r.state]}{_findings_said(r)}")
        for r in ordered
        if not _ready(r) and r.state in _LEFT_OUT
    ]
    return Release(approved, left)


def release_ready(conn: Connection, wire: WireParts, story_id: str, by: User | None) -> Release:
    """Release the source and every translation that passed its check or that an editor
    approved; a language held for review is never released here (it needs its own approval,
    which names its findings), nor one without a translation. Says what it left out and why."""
    plan = plan_release(conn, story_id, by)
    for reviewed in plan.approved:
        _approve(conn, wire, reviewed.rendition)
    return plan


def _ready(rendition: Rendition) -> bool:
    if rendition.is_source:
        return rendition.state in (RenditionState.PENDING, RenditionState.CHECKED)
    return rendition.state == RenditionState.CHECKED


def _findings_said(rendition: Rendition) -> str:
    """` (2 findings: major: 'Navega Air' is not in the translation; …)`, or nothing."""
    findings = (rendition.check or {}).get("findings", [])
    if not findings:
        return ""
    first = findings[0]
    more = f"; and {len(findings) - 1} more" if len(findings) > 1 else ""
    count = f"{len(findings)} finding{'s' if len(findings) > 1 else ''}"
    return f" ({count}: {first.get('severity')}: {first.get('message')}{more})"


def _approve(conn: Connection, wire: WireParts, rendition: Rendition) -> Reviewed:
    if rendition.state in (RenditionState.FAILED, RenditionState.UNSUPPORTED):
        raise BadInput(
            rendition.language,
            "there is no translation yet: write one, then approve",
            status=_CONFLICT,
        )
    done = f"{rendition.language}: approved for release"
    if rendition.state == RenditionState.NEEDS_REVIEW:
        done += f", over the check's doubts{_findings_said(rendition)}"
        rendition.state = RenditionState.CHECKED
        store.save_rendition(conn, rendition)
    wire.pipeline.release_now(conn, [rendition])
    return Reviewed(rendition, done)


def _story(conn: Connection, story_id: str, by: User | None) -> Story:
    return store.get_story(conn, story_id) if by is None else story_for(conn, by, story_id)


def _latest_rendition(
    conn: Connection, story_id: str, language: str, by: User | None
) -> tuple[Story, Rendition]:
    """The story and its `language` in the latest version."""
    story = _story(conn, story_id, by)
    try:
        return story, store.get_rendition(conn, story_id, story.latest_version, language)
    except NotFound:
        raise _no_such_language(conn, story, language) from None


def _must_be_open(rendition: Rendition) -> None:
    if rendition.state not in OPEN:
        raise BadInput(
            rendition.language,
            f"a {rendition.state.value} translation cannot change",
            status=_CONFLICT,
        )


def _no_such_language(conn: Connection, story: Story, language: str) -> Exception:
    try:
        language_tag(language, source="language")
    except BadInput as error:
        return error
    held = ", ".join(
        r.language for r in store.list_renditions(conn, story.id, story.latest_version)
    )
    return NotFound(
        f"story {story.id!r} version {story.latest_version} has no {language!r} "
        f"(its languages: {held})"
    )


def _source_of(conn: Connection, story: Story, version: int) -> Rendition:
    return store.get_rendition(conn, story.id, version, story.source_language)


def _texts(source: Rendition, rendition: Rendition) -> tuple[Text, Text]:
    """What the check reads: the body, then the publisher's About texts and the captions."""
    ours, theirs = furniture_pair(source, rendition)
    return (
        Text(source.language, source.headline, [*source.body, *ours]),
        Text(rendition.language, rendition.headline, [*rendition.body, *theirs]),
    )


def _teach_memory(conn: Connection, wire: WireParts, source: Rendition, edited: Rendition) -> None:
    """The translation memory learns an editor's translation, paragraph by paragraph."""
    try:
        pair = written_language(source.language), written_language(edited.language)
    except BadInput:
        return
    memory = SqlMemory(wire.database)
    learn(memory, [source.headline, *source.body], [edited.headline, *edited.body], *pair)
    memory.flush(conn)
