"""Tables of the pull channels and e-mail: WebSub subscriptions and e-mail unsubscribes."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text, UniqueConstraint

from polywire.store.tables import metadata
from polywire.store.types import UTCDateTime

#: A WebSub subscription, verified with its subscriber; expired leases are ignored, then purged.
websub_subscriptions = Table(
    "websub_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("topic", String(500), nullable=False),
    Column("callback", String(2000), nullable=False),
    Column("secret", String(200)),
    Column("lease_seconds", Integer, nullable=False),
    Column("expires", UTCDateTime, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    UniqueConstraint("topic", "callback"),
    Index("ix_websub_subscriptions_topic_expires", "topic", "expires"),
)

#: Addresses that asked not to get e-mail from one list (a destination) any more.
email_unsubscribes = Table(
    "email_unsubscribes",
    metadata,
    Column("address", String(320), primary_key=True),
    Column("list_id", String(100), primary_key=True),
    Column("created", UTCDateTime, nullable=False),
    Column("how", Text, nullable=False),
)
