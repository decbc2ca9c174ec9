"""Ids as people type them: the desk shows the first eight characters of an id, and the command
line takes any unique beginning of one. This module finds the ids that begin with what was typed;
`polywire.cli._ids` decides what one, none or several of them mean."""

from __future__ import annotations

from sqlalchemy import Connection, Table, select

from polywire.store.account_tables import api_tokens
from polywire.store.ingest_tables import feed_sources
from polywire.store.publish_tables import deliveries, destinations, subscribers
from polywire.store.tables import stories

#: What a kind of id names, and the table that holds them.
TABLES: dict[str, Table] = {
    "story": stories,
    "subscriber": subscribers,
    "destination": destinations,
    "delivery": deliveries,
    "token": api_tokens,
    "feed": feed_sources,
}


def ids_starting(conn: Connection, kind: str, prefix: str, *, limit: int) -> list[str]:
    """Up to `limit` ids of `kind` that begin with `prefix` (taken literally), in order."""
    column = TABLES[kind].c.id
    query = select(column).where(column.startswith(prefix, autoescape=True))
    return list(conn.scalars(query.order_by(column).limit(limit)))
