"""The feed poller: a loop that polls due feeds and turns their new entries into stories.

    poller = FeedPoller(database, partial(StoryService(wire).submit, None), settings.ingest)
    await poller.run(stop)          # forever, until `stop` is set
    await poller.poll_due()         # one pass over the feeds that are due

Stories are made through the `submit` callable it is given (`StoryService.submit`, as the operator),
so the poller knows nothing of the pipeline: a new entry is submitted as a new story, an entry seen
before whose title or content changed as a new version of the story it became (`update_of`). A feed
that fails (unreachable, an HTTP error, not a feed, too big, a private address) counts an error and
is polled again after a growing delay; after `feed_pause_after_errors` failures in a row it is
paused, not dropped (`polywire feeds resume ID`). A poll that succeeds resets the count. Conditional
GET (ETag, Last-Modified) makes an unchanged feed cost one short request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from polywire.domain import BadInput, PolywireError
from polywire.ingest.feeds.fetch import check_url, feed_client, fetch
from polywire.ingest.feeds.parse import FeedEntry, parse_feed
from polywire.net import GuardedClient
from polywire.settings.ingest import IngestSettings
from polywire.store import feeds as store
from polywire.store.db import Database
from polywire.store.feeds import FeedSource
from polywire.store.types import utcnow

log = logging.getLogger("polywire.feeds")


class Submitted(Protocol):
    """What `submit` returns (`polywire.services.Submitted`)."""

    @property
    def story_id(self) -> str: ...

    @property
    def version(self) -> int: ...

    @property
    def created(self) -> bool: ...


class Submit(Protocol):
    """`StoryService.submit` as the operator: extract `data` and store it as a story or a new
    version."""

    def __call__(
        self, data: bytes, *, source: str, language: str | None, update_of: str | None
    ) -> Submitted: ...


@dataclass
class PollReport:
    """What one poll of one feed did."""

    source_id: str
    url: str
    new_stories: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    unchanged: int = 0
    not_modified: bool = False
    rejected: list[str] = field(default_factory=list)  # entries that are no story
    error: str | None = None
    paused: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "feed": self.source_id,
            "url": self.url,
            "new_stories": self.new_stories,
            "new_versions": self.new_versions,
            "unchanged": self.unchanged,
            "not_modified": self.not_modified,
            "rejected": self.rejected,
            "error": self.error,
            "paused": self.paused,
        }


async def add_feed(
    database: Database,
    url: str,
    *,
    every_seconds: float,
    publisher: str,
    settings: IngestSettings,
) -> FeedSource:
    """Register a feed, polled at the next pass. It is fetched once first: a bad or private URL,
    an unreachable server or a document that is not a feed is `BadInput`, and nothing is stored."""
    check_url(url)
    async with feed_client(settings) as client:
        fetched = await fetch(
            client, url, etag=None, last_modified=None, max_bytes=settings.feed_max_bytes
        )
    parse_feed(fetched.body or b"", url, content_type=fetched.content_type, limit=1)
    now = utcnow()
    source = FeedSource(
        id=uuid.uuid4().hex,
        url=url,
        every_seconds=max(10, round(every_seconds)),
        publisher=publisher,
        etag=None,
        last_modified=None,
        errors=0,
        paused=False,
        last_error=None,
        last_polled=None,
        next_poll=now,
        created=now,
    )
    await database.write_in_thread(store.insert_source, source)
    return source


class FeedPoller:
    def __init__(
        self,
        database: Database,
        submit: Submit,
        settings: IngestSettings,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.database = database
        self.submit = submit
        self.settings = settings
        self.clock = clock

    async def run(self, stop: asyncio.Event) -> None:
        """Poll due feeds until `stop` is set, sleeping until the next one is due."""
        while not stop.is_set():
            await self.poll_due()
            sources = await self.database.read_in_thread(store.list_sources)
            upcoming = [s.next_poll for s in sources if not s.paused]
            wait = self.settings.feed_every_seconds
            if upcoming:
                wait = min(wait, max(1.0, (min(upcoming) - self.clock()).total_seconds()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=wait)

    async def poll_due(self) -> list[PollReport]:
        """Poll every feed that is due and not paused."""
        due = await self.database.read_in_thread(store.due_sources, self.clock())
        return await self._poll_all(due)

    async def poll_all(self) -> list[PollReport]:
        """Poll every feed that is not paused, due or not (`polywire feeds poll`)."""
        listed = await self.database.read_in_thread(store.list_sources)
        sources = [s for s in listed if not s.paused]
        return await self._poll_all(sources)

    async def _poll_all(self, sources: list[FeedSource]) -> list[PollReport]:
        async with feed_client(self.settings) as client:
            return [await self.poll(client, source) for source in sources]

    async def poll(self, client: GuardedClient, source: FeedSource) -> PollReport:
        report = PollReport(source.id, source.url)
        now = self.clock()
        try:
            fetched = await fetch(
                client,
                source.url,
                etag=source.etag,
                last_modified=source.last_modified,
                max_bytes=self.settings.feed_max_bytes,
            )
            if fetched.body is None:
                report.not_modified = True
            else:
                entries = await asyncio.to_thread(  # a large feed parses for a while
                    parse_feed,
                    fetched.body,
                    source.url,
                    content_type=fetched.content_type,
                    limit=self.settings.feed_max_entries,
                )
                for entry in reversed(entries):  # oldest first: stories keep the feed's order
                    await self._take(source, entry, report)
        except PolywireError as error:
            report.error = _describe(error, source.url)
            source.errors += 1
            source.last_error = report.error
            source.paused = source.errors >= self.settings.feed_pause_after_errors
            report.paused = source.paused
            backoff = source.every_seconds * 2 ** min(source.errors, 6)
            source.next_poll = now + timedelta(seconds=backoff)
            log.warning("feed %s failed (%d in a row): %s", source.url, source.errors, report.error)
        else:
            source.errors = 0
            source.last_error = None
            source.etag, source.last_modified = fetched.etag, fetched.last_modified
            source.next_poll = now + timedelta(seconds=source.every_seconds)
        source.last_polled = now
        await self.database.write_in_thread(store.save_source, source)
        return report

    async def _take(self, source: FeedSource, entry: FeedEntry, report: PollReport) -> None:
        """Submit one entry if it is new or changed, and remember what it became."""
        seen = await self.database.read_in_thread(store.seen_entry, source.id, entry.key)
        if seen is not None and seen.content_hash == entry.content_hash:
            report.unchanged += 1
            return
        update_of = seen.story_id if seen is not None else None
        story_id, version, problem = update_of, seen.version if seen else None, None
        try:
            submitted = await asyncio.to_thread(
                self.submit,
                entry.to_ninjs(),
                source=entry.link or source.url,
                language=None,
                update_of=update_of,
            )
        except BadInput as error:
            problem = error.problem
            report.rejected.append(f"{entry.id}: {problem}")
        else:
            story_id, version = submitted.story_id, submitted.version
            if update_of is None:
                report.new_stories.append(submitted.story_id)
            elif submitted.created:
                report.new_versions.append(submitted.story_id)
            else:
                report.unchanged += 1
        await self.database.write_in_thread(
            store.record_entry,
            source_id=source.id,
            entry_key=entry.key,
            entry_id=entry.id,
            content_hash=entry.content_hash,
            story_id=story_id,
            version=version,
            problem=problem,
            seen=self.clock(),
        )


def _describe(error: PolywireError, url: str) -> str:
    """The problem, with the URL it is about when that is not the feed's (a redirect's hop)."""
    if isinstance(error, BadInput) and error.source == url:
        return error.problem
    return str(error) or type(error).__name__


def resume_feed(database: Database, source_id: str, clock: Callable[[], datetime] = utcnow) -> None:
    """Unpause a feed and poll it at the next pass."""
    with database.write() as conn:
        source = store.get_source(conn, source_id)
        source.paused, source.errors, source.next_poll = False, 0, clock()
        store.save_source(conn, source)
