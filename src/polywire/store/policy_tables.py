"""The table of publishers' own review-policy rules (the wire's rules are in settings).

One row per publisher, language and engine (`*`: any), so setting a rule again replaces it.
"""

from __future__ import annotations

from sqlalchemy import Column, String, Table

from polywire.store.tables import metadata
from polywire.store.types import UTCDateTime

review_policies = Table(
    "review_policies",
    metadata,
    Column("publisher", String(100), primary_key=True),
    Column("language", String(35), primary_key=True),
    Column("engine", String(20), primary_key=True),
    Column("policy", String(20), nullable=False),
    Column("updated", UTCDateTime, nullable=False),
    Column("updated_by", String(100)),
)
