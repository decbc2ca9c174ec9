"""Rows that the jobs of one group commit write alike, sent once per group (`executemany`).

A job's commit calls `write(conn, statement, params)`. Inside a group commit
(`SqlJobQueue.complete_batch` opens one with `collecting`), the parameters wait and each
statement goes once with all of its rows when the group ends; outside one, the statement runs at
once. A commit that reads what such a statement writes calls `flush` first. A delivery's record
is three statements; for a group of 32 deliveries this sends three instead of ninety-six.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Executable

_KEY = "polywire.group_writes"


@contextmanager
def collecting(conn: Connection) -> Iterator[None]:
    """Collect `write`s on `conn` until the block ends, then send them (not on an error: the
    transaction is rolled back)."""
    conn.info[_KEY] = {}
    try:
        yield
        flush(conn)
    finally:
        # the info dict outlives this checkout of the connection
        conn.info.pop(_KEY, None)


def write(conn: Connection, statement: Executable, params: dict[str, Any]) -> None:
    """Run `statement` with `params`, or keep them for the group's `executemany`. The same
    statement object must be used by every job (a module-level constant)."""
    waiting: dict[Executable, list[dict[str, Any]]] | None = conn.info.get(_KEY)
    if waiting is None:
        conn.execute(statement, params)
    else:
        waiting.setdefault(statement, []).append(params)


def flush(conn: Connection) -> None:
    """Send what waits, in the order the statements were first written."""
    waiting: dict[Executable, list[dict[str, Any]]] | None = conn.info.get(_KEY)
    if not waiting:
        return
    for statement, rows in list(waiting.items()):
        conn.execute(statement, rows)
    waiting.clear()
