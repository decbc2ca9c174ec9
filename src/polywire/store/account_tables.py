"""Tables of accounts: people who sign in, their sessions, their API tokens, and which publisher
owns each subscriber (subscribers predate accounts, so ownership is kept beside them).

Secrets are never stored: passwords as argon2 hashes, session and API tokens as SHA-256 digests
(they are 256-bit random values, so a fast digest cannot be brute-forced), as are the one-time
links of a password reset by e-mail.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table

from polywire.store.tables import metadata
from polywire.store.types import JSONDocument, UTCDateTime

users = Table(
    "users",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("publisher", String(100)),
    Column("created", UTCDateTime, nullable=False),
    Column("disabled", UTCDateTime),
    Column("email", String(254)),  # where a password-reset link goes; none: only an admin resets
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(32), ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("expires", UTCDateTime, nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("user_id", String(32), ForeignKey("users.id"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("scopes", JSONDocument, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("last_used", UTCDateTime),
    Column("revoked", UTCDateTime),
)

subscriber_owners = Table(
    "subscriber_owners",
    metadata,
    Column("subscriber_id", String(32), primary_key=True),
    Column("publisher", String(100), nullable=False, index=True),
)

password_resets = Table(
    "password_resets",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", String(32), ForeignKey("users.id"), nullable=False, index=True),
    Column("expires", UTCDateTime, nullable=False),
)
