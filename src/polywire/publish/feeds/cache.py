"""Rendered feeds, kept until the event log moves on.

A feed is built at most once per (selection, format) and log position: the cache key includes
the newest event's sequence number, so a release is visible at the next request after the
process's log tail sees it, and until then every request is answered from memory. Each release
is composed once for all the feeds it appears in (`ComposedReleases`).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from polywire.config import Settings
from polywire.publish.feeds.selection import Selection
from polywire.publish.feeds.source import collect_entries
from polywire.publish.formats.feeds import EPOCH, MEDIA_TYPES, Feed, FeedKind, render
from polywire.publish.release.composed_cache import ComposedReleases
from polywire.store.db import Database


@dataclass(frozen=True)
class RenderedFeed:
    body: bytes
    etag: str  # strong: a hash of the exact bytes
    last_modified: datetime | None
    media_type: str


@dataclass(frozen=True)
class FeedRequest:
    """One feed: what it selects, how it is titled, where it lives."""

    selection: Selection
    title: str
    self_path: str  # e.g. /feeds/fr/energy.atom
    kind: FeedKind
    advertise_hub: bool = True
    publisher: str | None = None  # one publisher's stories only


class FeedCache:
    def __init__(self, database: Database, settings: Settings, *, max_feeds: int = 2048) -> None:
        self.database = database
        self.settings = settings
        self.max_feeds = max_feeds
        self.releases = ComposedReleases(settings)
        self._feeds: OrderedDict[tuple[FeedRequest, int], RenderedFeed] = OrderedDict()

    def cached(self, request: FeedRequest, seq: int) -> RenderedFeed | None:
        found = self._feeds.get((request, seq))
        if found is not None:
            self._feeds.move_to_end((request, seq))
        return found

    def build(self, request: FeedRequest, seq: int) -> RenderedFeed:
        """Render the feed as of log position `seq` (runs queries: call it off the event loop)."""
        rendered = render_feed(self.database, self.settings, request, self.releases)
        self._feeds[(request, seq)] = rendered
        while len(self._feeds) > self.max_feeds:
            self._feeds.popitem(last=False)
        return rendered


def render_feed(
    database: Database, settings: Settings, request: FeedRequest, releases: ComposedReleases
) -> RenderedFeed:
    base = settings.deliver.public_url.rstrip("/")
    limit = settings.deliver.feed_items
    collected = collect_entries(
        database, request.selection, limit, base, releases, publisher=request.publisher
    )
    entries = collected.entries
    languages = request.selection.languages
    feed = Feed(
        title=request.title,
        language=next(iter(languages)) if languages is not None and len(languages) == 1 else None,
        home_url=base + "/",
        self_url=base + request.self_path,
        hub_url=base + "/websub" if request.advertise_hub else None,
        entries=entries,
        updated=collected.changed or EPOCH,
    )
    body = render(feed, request.kind)
    return RenderedFeed(
        body=body,
        etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        last_modified=collected.changed,
        media_type=MEDIA_TYPES[request.kind],
    )
