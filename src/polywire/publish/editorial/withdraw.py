"""Withdrawing a story: a new version with `pubstatus: canceled` in every language it was
released in, released at once, so that it reaches everyone who got the story (fan-out sends a new
version to every destination that got an earlier one)."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sqlalchemy import Connection

from polywire.domain import BadInput, Pubstatus, Rendition, RenditionState, StoryState
from polywire.store import stories as store
from polywire.store.types import utcnow


def withdraw(conn: Connection, story_id: str, reason: str) -> list[Rendition]:
    """Store the withdrawal version of `story_id`; returns its renditions, to be released
    (hand them to `Pipeline.after_submit` in the same transaction)."""
    if not reason.strip():
        raise BadInput("reason", "say why the story is withdrawn")
    story = store.get_story(conn, story_id)
    latest = store.get_version(conn, story_id)
    if latest.pubstatus == Pubstatus.CANCELED:
        raise BadInput(f"story {story_id}", f"already withdrawn (version {latest.version})")
    released: dict[str, Rendition] = {}
    for rendition in store.list_renditions(conn, story_id):
        if rendition.state == RenditionState.RELEASED:
            released[rendition.language] = rendition  # the newest version's wins
    if not released:
        raise BadInput(
            f"story {story_id}", "nothing was released yet: there is nothing to withdraw"
        )
    number = latest.version + 1
    marker = f"withdrawn:{story_id}:{number}".encode()
    version = replace(
        latest,
        version=number,
        versioncreated=utcnow(),
        pubstatus=Pubstatus.CANCELED,
        embargoed=None,
        correction_reason=reason.strip(),
        content_hash=hashlib.sha256(marker).hexdigest(),
    )
    store.set_story_state(conn, story.id, StoryState.WITHDRAWN, latest_version=number)
    store.insert_version(conn, version)
    renditions = [
        Rendition(
            story_id=story_id,
            version=number,
            language=language,
            state=RenditionState.PENDING,
            headline=earlier.headline,
            body=list(earlier.body),
            is_source=language == version.language,
        )
        for language, earlier in sorted(released.items())
    ]
    for rendition in renditions:
        store.save_rendition(conn, rendition)
    return renditions
