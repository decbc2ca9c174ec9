"""Queries of the fleet: heartbeats of the processes that run, and fleet-wide leases.

A process writes its heartbeat every few seconds (`beat`) and removes it when it stops cleanly
(`forget`); a process that died leaves a row that ages. Readers ask who was `seen_since` a time.

A lease (`hold`) gives one owner a named chore until a time: it is taken when free, expired or
already the owner's, in one statement, so two processes asking at once cannot both get it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from polywire.store.cluster_tables import leases, processes


@dataclass(frozen=True)
class Process:
    """One running process of the wire, as its last heartbeat described it."""

    name: str
    role: str  # serve (API and workers), api (API only), worker
    host: str
    pid: int
    kinds: list[str]  # the job kinds it runs
    settings: dict[str, str]  # digests of the settings every process must share
    version: str
    started: float
    seen: float

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "host": self.host,
            "pid": self.pid,
            "kinds": self.kinds,
            "version": self.version,
            "started": self.started,
            "seen": self.seen,
        }


def beat(conn: Connection, process: Process) -> None:
    """Record that `process` is alive at `process.seen` (insert or refresh its row)."""
    values = {
        "role": process.role,
        "host": process.host,
        "pid": process.pid,
        "kinds": process.kinds,
        "settings": process.settings,
        "version": process.version,
        "started": process.started,
        "seen": process.seen,
    }
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(processes).values(name=process.name, **values)
    conn.execute(insert.on_conflict_do_update(index_elements=[processes.c.name], set_=values))


def forget(conn: Connection, name: str) -> None:
    conn.execute(delete(processes).where(processes.c.name == name))


def seen_since(conn: Connection, since: float) -> list[Process]:
    """The processes whose last heartbeat is at `since` or later, by name."""
    rows = conn.execute(
        select(processes).where(processes.c.seen >= since).order_by(processes.c.name)
    )
    return [
        Process(
            name=row.name,
            role=row.role,
            host=row.host,
            pid=row.pid,
            kinds=list(row.kinds),
            settings=dict(row.settings),
            version=row.version,
            started=row.started,
            seen=row.seen,
        )
        for row in rows
    ]


def hold(conn: Connection, name: str, owner: str, until: float, now: float) -> bool:
    """Take or renew the lease `name` for `owner` until `until`; False when another owner holds
    it past `now`."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(leases).values(name=name, owner=owner, until=until)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=[leases.c.name],
            set_={"owner": owner, "until": until},
            where=or_(leases.c.owner == owner, leases.c.until < now),
        )
    )
    holder = conn.execute(select(leases.c.owner).where(leases.c.name == name)).scalar_one()
    return bool(holder == owner)


def release(conn: Connection, name: str, owner: str) -> None:
    """Give the lease back (only if `owner` still holds it), so another may take it at once."""
    conn.execute(
        update(leases).where(leases.c.name == name, leases.c.owner == owner).values(until=0.0)
    )
