"""Tables of the fleet: the processes that run (their heartbeats) and the leases that let one
process at a time do a fleet-wide chore (polling the feeds).

Times are UNIX seconds (`Float`), like the job queue's, so that "seen within N s" and "held
until" compare with one clock reading and no time-zone arithmetic.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, String, Table

from polywire.store.tables import metadata
from polywire.store.types import JSONDocument

processes = Table(
    "processes",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("host", String(200), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("kinds", JSONDocument, nullable=False),
    Column("settings", JSONDocument, nullable=False),
    Column("version", String(50), nullable=False),
    Column("started", Float, nullable=False),
    Column("seen", Float, nullable=False, index=True),
)

leases = Table(
    "leases",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("owner", String(200), nullable=False),
    Column("until", Float, nullable=False),
)
