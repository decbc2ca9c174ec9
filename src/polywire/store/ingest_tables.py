"""Tables of ingest: feed sources and the entries taken from them, and the fingerprints that
recognise a resubmitted story as a new version."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, Text

from polywire.store.tables import metadata
from polywire.store.types import JSONDocument, UTCDateTime

feed_sources = Table(
    "feed_sources",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("url", String(2000), nullable=False, unique=True),
    Column("every_seconds", Integer, nullable=False),
    Column("publisher", String(100), nullable=False),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    Column("errors", Integer, nullable=False),
    Column("paused", Boolean, nullable=False),
    Column("last_error", Text),
    Column("last_polled", UTCDateTime),
    Column("next_poll", UTCDateTime, nullable=False, index=True),
    Column("created", UTCDateTime, nullable=False),
)

feed_entries = Table(
    "feed_entries",
    metadata,
    Column("source_id", String(32), ForeignKey("feed_sources.id"), primary_key=True),
    Column("entry_key", String(64), primary_key=True),
    Column("entry_id", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("story_id", String(32)),
    Column("version", Integer),
    Column("problem", Text),
    Column("seen", UTCDateTime, nullable=False),
)

story_fingerprints = Table(
    "story_fingerprints",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("publisher", String(100), nullable=False, index=True),
    Column("updated", UTCDateTime, nullable=False, index=True),
    Column("signature", JSONDocument, nullable=False),
)
