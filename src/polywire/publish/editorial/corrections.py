"""Correcting a released translation: an editor's new text for a language that went out is
checked against the source and released as a correction — a new version of the story whose
correction note says what changed — to everyone who got that language, on every channel
(fan-out sends a new version to every destination that got an earlier one).

The new version keeps the source as it was. The corrected language gets the editor's text, its
state following the check's verdict as any edit's does (a translation the check doubts waits
for an editor's approval; its readers keep the text released before). Every other language is
carried into the new version as it was (`carried_from`): one already released is not released
again, so a German reader is not sent a correction of the French. Nothing of the story may
still be on its way (translated or checked): the correction waits until it is.

Runs inside the caller's write transaction, as the other review actions do.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection

from polywire.check import Text, check_translation
from polywire.check.stage import decide
from polywire.domain import BadInput, Rendition, RenditionState, Story
from polywire.glossary import applied, for_publisher
from polywire.publish.editorial.wire_parts import WireParts
from polywire.store import stories as store
from polywire.store.types import utcnow

#: Languages still on their way: a correction would race the stage that writes them.
_IN_FLIGHT = frozenset({RenditionState.PENDING, RenditionState.TRANSLATING})
_CONFLICT = 409


def correct_translation(
    conn: Connection,
    wire: WireParts,
    story: Story,
    released: Rendition,
    edited: tuple[str, list[str]],
    note: str | None,
    editor: str,
    *,
    subheadline: str | None = None,
) -> Rendition:
    """Store the correction of `released` (the latest version's, in state released) as a new
    version of `story`; returns the corrected rendition of the new version. `edited` is the
    editor's headline and paragraphs, already tidied, and `subheadline` their line under the
    headline (None: the released one's); `note` says what the correction changes."""
    language = released.language
    note = " ".join((note or "").split())
    if not note:
        raise BadInput(
            "note",
            f"{language} was released: say what the correction changes "
            "(sent to every subscriber who got it)",
        )
    headline, body = edited
    subheadline = released.subheadline if subheadline is None else subheadline
    if (headline, body, subheadline) == (
        released.headline,
        list(released.body),
        released.subheadline,
    ):
        raise BadInput(language, "the text is the one released: there is nothing to correct")
    story = store.get_story(conn, story.id, for_update=True)
    latest = store.get_version(conn, story.id, story.latest_version)
    found = store.list_renditions(conn, story.id, latest.version)
    waiting = sorted(r.language for r in found if r.state in _IN_FLIGHT and not r.is_source)
    if waiting:
        raise BadInput(
            language,
            f"version {latest.version} is still being translated or checked "
            f"({', '.join(waiting)}): correct it when that is done",
            status=_CONFLICT,
        )
    number = latest.version + 1
    version = replace(latest, version=number, versioncreated=utcnow(), correction_reason=note)
    store.set_story_state(conn, story.id, story.state, latest_version=number)
    store.insert_version(conn, version)
    source = next(r for r in found if r.is_source)
    corrected = replace(
        released,
        version=number,
        headline=headline,
        body=body,
        subheadline=subheadline,
        edited_by=editor,
        carried_from=None,
        error=None,
    )
    glossary = for_publisher(
        conn, story.publisher, wire.settings.translate.glossaries.get(story.publisher)
    )
    with applied(glossary):
        report = check_translation(_text(source), _text(corrected), wire.settings.check)
    corrected.check = report.to_json()
    corrected.state = decide(report, wire.settings.check)
    to_release: list[Rendition] = []
    for rendition in found:
        if rendition.language == language:
            moved = corrected
        else:
            moved = replace(rendition, version=number, carried_from=_carried(rendition))
        store.save_rendition(conn, moved)
        if moved.state == RenditionState.CHECKED:
            to_release.append(moved)
    wire.pipeline.release_now(conn, to_release)
    return corrected


def _carried(rendition: Rendition) -> int | None:
    """The version a released rendition was first released in; None for one that still waits
    (it is released, when it is, as part of the new version)."""
    if rendition.state != RenditionState.RELEASED:
        return None
    return rendition.carried_from or rendition.version


def _text(rendition: Rendition) -> Text:
    return Text(rendition.language, rendition.headline, list(rendition.body))
