"""Alembic environment: runs on the connection `polywire.store.migrate` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from polywire.store import (  # noqa: F401  (each module registers its tables)
    account_tables,
    classify_tables,
    cluster_tables,
    deliver_tables,
    doctor_tables,
    ingest_tables,
    policy_tables,
    publish_tables,
    translate_tables,
)
from polywire.store.tables import metadata

connection = context.config.attributes["connection"]
if connection.dialect.name == "postgresql":
    # One migrating process at a time; the others wait, then find nothing left to do.
    connection.execute(text("SELECT pg_advisory_xact_lock(7370710)"))
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
context.run_migrations()
