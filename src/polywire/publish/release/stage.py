"""The release stage: a rendition whose embargo has passed becomes an event on the log.

The event log is the source of truth for everything downstream (feeds, streams, deliveries,
reports); releasing twice is harmless because the job key is (story, version, language) and the
stage checks what is already released.

Versions go out in order: a version is released only while it is its story's latest, checked in
the transaction that writes the event (the story row is read and locked there, as storing a new
version locks it), so a superseded version is never released after its successor, whatever
crashed or was retried in between.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import Connection

from polywire.bus.base import Commit, EventLog, Lease
from polywire.bus.worker import RetryLater
from polywire.domain import Pubstatus, RenditionState, StoryState, Version
from polywire.store import stories as store
from polywire.store.db import Database
from polywire.store.types import utcnow

log = logging.getLogger("polywire.release")

#: Already out, or held for an editor (an approval enqueues a new release job), or nothing to send.
_NOT_RELEASED_HERE = {
    RenditionState.RELEASED,
    RenditionState.NEEDS_REVIEW,
    RenditionState.UNSUPPORTED,
    RenditionState.FAILED,
}


class ReleaseStage:
    kind = "release"

    def __init__(self, database: Database, events: EventLog) -> None:
        self.database = database
        self.events = events

    @staticmethod
    def job_key(story_id: str, version: int, language: str) -> str:
        return f"release:{story_id}:v{version}:{language}"

    async def __call__(self, lease: Lease) -> Commit:
        story_id = str(lease.payload["story_id"])
        number = int(lease.payload["version"])
        language = str(lease.payload["language"])
        version = await asyncio.to_thread(self._version, story_id, number)
        if version.embargoed is not None and version.embargoed > utcnow():
            wait = (version.embargoed - utcnow()).total_seconds()
            raise RetryLater(wait, f"embargoed until {version.embargoed.isoformat()}")

        def commit(conn: Connection) -> None:
            story = store.get_story(conn, story_id, for_update=True)
            rendition = store.get_rendition(conn, story_id, number, language)
            if rendition.state in _NOT_RELEASED_HERE:
                return
            if story.latest_version > number:
                log.info(
                    "story %s v%d %s not released: version %d supersedes it",
                    story_id,
                    number,
                    language,
                    story.latest_version,
                )
                return
            rendition.state = RenditionState.RELEASED
            store.save_rendition(conn, rendition)
            seq = self.events.append(
                conn,
                "released",
                story_id,
                number,
                language,
                {
                    "uri": story.uri,
                    "headline": rendition.headline,
                    "pubstatus": version.pubstatus.value,
                    "sectors": version.sectors,
                },
            )
            if story.latest_version == number:
                withdrawn = version.pubstatus == Pubstatus.CANCELED
                store.set_story_state(
                    conn, story_id, StoryState.WITHDRAWN if withdrawn else StoryState.RELEASED
                )
            log.info("story %s v%d %s released as event %d", story_id, number, language, seq)

        return commit

    def _version(self, story_id: str, number: int) -> Version:
        """In a worker thread: the loop also serves the API and the live streams."""
        with self.database.read() as conn:
            return store.get_version(conn, story_id, number)
