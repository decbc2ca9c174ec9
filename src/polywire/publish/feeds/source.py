"""The entries of a feed, read from the event log: the newest released version of each story
in each selected language, newest first, composed as its readers see it (dateline, notices and
sector names in the entry's language). Withdrawn stories (`pubstatus: canceled`) leave feeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from polywire.domain import NotFound, Pubstatus
from polywire.publish.feeds.selection import Selection
from polywire.publish.formats.feeds import FeedEntry
from polywire.publish.release.composed_cache import ComposedReleases
from polywire.store import deliver_queries as queries
from polywire.store.db import Database

_PAGE = 500


def story_link(public_url: str, story_id: str, language: str) -> str:
    """Where a reader reads the release: its page in the public newsroom, in `language` (the
    JSON of the API is for machines; feed readers and e-mail open this link in a browser)."""
    return f"{public_url.rstrip('/')}/news/{language}/{story_id}"


@dataclass(frozen=True)
class Collected:
    entries: list[FeedEntry]
    changed: datetime | None  # when the newest selected event, withdrawals included, was logged


def collect_entries(
    database: Database,
    selection: Selection,
    limit: int,
    public_url: str,
    releases: ComposedReleases,
    *,
    publisher: str | None = None,
) -> Collected:
    """Up to `limit` entries, composed through `releases` (which carries the settings that
    composing needs: brand, texts, dateline template); only `publisher`'s when given."""
    entries: list[FeedEntry] = []
    changed: datetime | None = None
    seen: set[tuple[str, str]] = set()
    before: int | None = None
    with database.read() as conn:
        while len(entries) < limit:
            page = queries.released_events_before(conn, selection.languages, before, _PAGE)
            if not page:
                break
            before = page[-1].seq
            for event in page:
                language = event.language or ""
                if (event.story_id, language) in seen:
                    continue
                if not selection.wants(language, event.payload.get("sectors") or []):
                    continue
                seen.add((event.story_id, language))
                changed = changed or event.created
                if event.payload.get("pubstatus") == Pubstatus.CANCELED.value:
                    continue
                try:
                    _, composed = releases.get(conn, event.story_id, event.version, language)
                except NotFound:
                    continue
                if publisher is not None and composed.publisher != publisher:
                    continue
                entries.append(
                    FeedEntry(
                        id=f"{composed.uri}:{language}",
                        link=story_link(public_url, event.story_id, language),
                        updated=event.created,
                        composed=composed,
                    )
                )
                if len(entries) == limit:
                    break
    return Collected(entries, changed)
