"""Tables of the pull channels and e-mail: WebSub subscriptions, access tokens, unsubscribes."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text, UniqueConstraint

from polywire.store.tables import metadata
from polywire.store.types import JSONDocument, UTCDateTime

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

#: Bearer tokens for the live stream and personal feeds; only the token's SHA-256 is kept.
access_tokens = Table(
    "access_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("languages", JSONDocument, nullable=False),
    Column("sectors", JSONDocument, nullable=False),
    Column("created", UTCDateTime, nullable=False),
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
