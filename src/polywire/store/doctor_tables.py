"""The quarantine: stored rows `polywire doctor --repair` took out of the way because no rule
could repair them (a version in a language that is not one, an orphan delivery). Each keeps the
row as it was, as JSON, with the problem found, so that an operator can read or restore it."""

from __future__ import annotations

from sqlalchemy import Column, Identity, Integer, String, Table, Text

from polywire.store.tables import metadata
from polywire.store.types import JSONDocument, UTCDateTime

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column("table_name", String(50), nullable=False),
    Column("row_key", String(300), nullable=False),
    Column("problem", Text, nullable=False),
    Column("row", JSONDocument, nullable=False),
    Column("created", UTCDateTime, nullable=False),
)
