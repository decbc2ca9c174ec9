"""The publishers' glossaries (migration 0009): one row per (publisher, term)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, String, Table

from polywire.store.tables import metadata
from polywire.store.types import JSONDocument, UTCDateTime

glossary_terms = Table(
    "glossary_terms",
    metadata,
    Column("publisher", String(100), primary_key=True),
    Column("term", String(200), primary_key=True),
    Column("keep", Boolean, nullable=False),  # never translated
    Column("translations", JSONDocument, nullable=False),  # language tag → rendering
    Column("updated", UTCDateTime, nullable=False),
)
