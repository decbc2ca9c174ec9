"""The translation memory's table (migration 0003)."""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from polywire.store.tables import metadata
from polywire.store.types import UTCDateTime

translation_memory = Table(
    "translation_memory",
    metadata,
    Column("key", String(64), primary_key=True),  # sha256 of the five fields below
    Column("source_text", Text, nullable=False),
    Column("source_language", String(35), nullable=False),
    Column("target_language", String(35), nullable=False),
    Column("engine", String(100), nullable=False),
    Column("model", String(300)),
    Column("target_text", Text, nullable=False),
    Column("hits", Integer, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("last_used", UTCDateTime, nullable=False),
)
