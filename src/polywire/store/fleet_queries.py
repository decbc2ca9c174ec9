"""Counts of the work in the store, wire-wide, for `/metrics` and the desk's health page: jobs by
kind and state, how long due jobs have waited, leases that ran out, deliveries by channel and
outcome. Each is one grouped query, cheap enough for a scrape every few seconds."""

from __future__ import annotations

from sqlalchemy import Connection, and_, func, select

from polywire.store.publish_tables import deliveries
from polywire.store.tables import jobs

#: Job states that wait for a worker once their `run_at` has come.
WAITING = ("ready", "relayed")


def jobs_by_kind_and_state(conn: Connection) -> dict[tuple[str, str], int]:
    query = select(jobs.c.kind, jobs.c.state, func.count()).group_by(jobs.c.kind, jobs.c.state)
    return {(kind, state): int(count) for kind, state, count in conn.execute(query).all()}


def oldest_due(conn: Connection, now: float) -> dict[str, float]:
    """Per job kind, how long (seconds) the job that has waited longest since it was due has
    waited; kinds with nothing due are left out."""
    query = (
        select(jobs.c.kind, func.min(jobs.c.run_at))
        .where(jobs.c.state.in_(WAITING), jobs.c.run_at <= now)
        .group_by(jobs.c.kind)
    )
    return {kind: max(0.0, now - float(run_at)) for kind, run_at in conn.execute(query).all()}


def lapsed_leases(conn: Connection, now: float) -> dict[str, int]:
    """Per job kind, jobs still marked leased whose lease ran out (their worker died or
    stalled; the reaper returns them to work)."""
    query = (
        select(jobs.c.kind, func.count())
        .where(and_(jobs.c.state == "leased", jobs.c.lease_until < now))
        .group_by(jobs.c.kind)
    )
    return {kind: int(count) for kind, count in conn.execute(query).all()}


def deliveries_by_channel_and_status(conn: Connection) -> dict[tuple[str, str], int]:
    query = select(deliveries.c.channel, deliveries.c.status, func.count()).group_by(
        deliveries.c.channel, deliveries.c.status
    )
    return {(channel, status): int(count) for channel, status, count in conn.execute(query).all()}
