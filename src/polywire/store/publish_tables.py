"""Tables of publishing: subscribers, their destinations, the targeting index, deliveries.

`subscriber_filters` is the targeting index: one row per (subscriber, facet, value), where facet is
`language`, `sector`, `topic`, `region` or `keyword`, and `*` stands for "any" when a subscriber
did not narrow that facet. Targeting intersects index lookups instead of reading every subscriber.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from polywire.store.tables import metadata
from polywire.store.types import JSONDocument, UTCDateTime

subscribers = Table(
    "subscribers",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("languages", JSONDocument, nullable=False),
    Column("sectors", JSONDocument, nullable=False),
    Column("topics", JSONDocument, nullable=False),
    Column("regions", JSONDocument, nullable=False),
    Column("keywords", JSONDocument, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("removed", UTCDateTime),
    Column("paused", UTCDateTime),  # not targeted while set (paused from the desk, API or CLI)
)

subscriber_filters = Table(
    "subscriber_filters",
    metadata,
    Column("facet", String(10), primary_key=True),
    Column("value", String(200), primary_key=True),
    Column("subscriber_id", String(32), ForeignKey("subscribers.id"), primary_key=True),
    Index("ix_subscriber_filters_subscriber_id", "subscriber_id"),
)

destinations = Table(
    "destinations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("subscriber_id", String(32), ForeignKey("subscribers.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("channel", String(10), nullable=False),
    Column("format", String(10), nullable=False),
    Column("address", String(2000), nullable=False),
    Column("secret", String(100)),
    Column("previous_secret", String(100)),
    Column("previous_secret_until", UTCDateTime),
    Column("enabled", Boolean, nullable=False),
    Column("disabled_reason", Text),
    Column("failing_since", UTCDateTime),
    Column("created", UTCDateTime, nullable=False),
    Column("removed", UTCDateTime),  # never targeted again; its deliveries stay (0007)
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("destination_id", String(32), ForeignKey("destinations.id"), nullable=False),
    Column("story_id", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("language", String(35), nullable=False),
    Column("event_seq", BigInteger().with_variant(Integer, "sqlite"), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("released", UTCDateTime, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("delivered", UTCDateTime),
    Column("next_attempt", UTCDateTime),
    Column("response_code", Integer),
    Column("latency_ms", Float),
    Column("error", Text),
    UniqueConstraint("destination_id", "story_id", "version", "language"),
    Index("ix_deliveries_story_id_language", "story_id", "language"),
    Index("ix_deliveries_destination_id_created", "destination_id", "created"),
)

delivery_attempts = Table(
    "delivery_attempts",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), Identity(), primary_key=True),
    Column("delivery_id", String(32), ForeignKey("deliveries.id"), nullable=False, index=True),
    Column("attempt", Integer, nullable=False),
    Column("started", UTCDateTime, nullable=False),
    Column("outcome", String(10), nullable=False),
    Column("response_code", Integer),
    Column("latency_ms", Float, nullable=False),
    Column("error", Text),
)
