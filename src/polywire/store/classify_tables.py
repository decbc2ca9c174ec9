"""Tables of classification: what the machine said about each version, and editors' corrections.

`classifications` keeps the full result (with evidence, which ninjs subjects cannot carry) and
what the publisher chose before classification ran, so that re-running the stage keeps the
publisher's choices. `classify_corrections` is the model's learning material: one row per
correction, never updated, with the story's text so the model can re-read it.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKeyConstraint,
    Identity,
    Integer,
    String,
    Table,
    Text,
)

from polywire.store.tables import metadata
from polywire.store.types import JSONDocument, UTCDateTime

classifications = Table(
    "classifications",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("result", JSONDocument, nullable=False),
    Column("publisher_sectors", JSONDocument, nullable=False),
    Column("publisher_places", JSONDocument, nullable=False),
    Column("publisher_urgency", Integer),
    Column("corrected", Boolean, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
    ForeignKeyConstraint(["story_id", "version"], ["versions.story_id", "versions.version"]),
)

classify_corrections = Table(
    "classify_corrections",
    metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column("story_id", String(32), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("language", String(35), nullable=False),
    Column("headline", Text, nullable=False),
    Column("body", JSONDocument, nullable=False),
    Column("topics", JSONDocument, nullable=False),
    Column("removed_topics", JSONDocument, nullable=False),
    Column("regions", JSONDocument, nullable=False),
    Column("editor", String(200)),
    Column("created", UTCDateTime, nullable=False),
    ForeignKeyConstraint(["story_id", "version"], ["versions.story_id", "versions.version"]),
)
