"""Database engines and transactions for SQLite (embedded default) and PostgreSQL.

SQLite runs in WAL mode. Transactions that write begin with `BEGIN IMMEDIATE`, so that two
writers queue on the lock instead of one failing when it upgrades a read lock; read-only
transactions stay deferred and run beside a writer.

A process that starts before its database (a machine booting, a fleet restarted together) waits
for it (`wait_until_reachable`): it retries with a growing delay, says so on every attempt, and
gives up only after `database_wait_seconds`.

Work that must follow a commit and never precede it (announcing an event on the bus) is
registered with `after_commit` inside a `Database.write` transaction: it runs once that
transaction has committed, and is forgotten when it rolls back.

Code on the event loop (stages, the feed poller, routes) never opens a transaction itself: the
loop also serves the API and the live streams, and one query waiting on SQLite's lock would stall
them all. It calls `read_in_thread` / `write_in_thread`, or moves a larger piece of work into
`asyncio.to_thread`. The engine's connections may be used from any thread, one at a time:
each transaction checks one out of the pool for itself (SQLite's `check_same_thread` is off).

SQLite's own `lower()` folds ASCII only. Each SQLite connection therefore has `FOLD_FUNCTION`
(`folded`), which PostgreSQL computes as `replace(replace(lower(text), 'ß', 'ss'), 'ς', 'σ')`
under a UTF-8 collation: queries that compare text in any case (`newsroom_queries.story_lines`)
call the one or the other.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from polywire.domain import PolywireError

log = logging.getLogger("polywire.store")

_WRITE = "polywire_write"

#: What to run once each open write transaction has committed, by its connection.
_AFTER_COMMIT: weakref.WeakKeyDictionary[Connection, list[Callable[[], None]]] = (
    weakref.WeakKeyDictionary()
)

#: Values bound in one `IN (...)` at most, within every supported database's limit.
IN_LIMIT = 500

_T = TypeVar("_T")
_P = ParamSpec("_P")

#: The first and the longest wait between two attempts to reach the database at start.
FIRST_WAIT_SECONDS = 0.5
LONGEST_WAIT_SECONDS = 10.0

#: The name under which each SQLite connection has `folded`.
FOLD_FUNCTION = "polywire_fold"


class DatabaseUnavailable(PolywireError):
    """The database did not answer within the time a process waits for it at start."""


def in_batches(values: Sequence[_T]) -> Iterator[Sequence[_T]]:
    """`values` in slices of at most `IN_LIMIT`, one per `IN (...)` query."""
    for start in range(0, len(values), IN_LIMIT):
        yield values[start : start + IN_LIMIT]


class Database:
    """One SQLAlchemy engine and the two kinds of transaction the wire uses."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _create_engine(url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that may write; committed on success, rolled back on error. What was
        registered with `after_commit` runs after the commit, in order."""
        with self.engine.connect().execution_options(**{_WRITE: True}) as conn:
            try:
                with conn.begin():
                    yield conn
                for then in _AFTER_COMMIT.get(conn, []):
                    try:
                        then()
                    except Exception:
                        log.exception("work after a commit failed")
            finally:
                _AFTER_COMMIT.pop(conn, None)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    async def read_in_thread(
        self, query: Callable[Concatenate[Connection, _P], _T], *args: _P.args, **kwargs: _P.kwargs
    ) -> _T:
        """`query(conn, *args, **kwargs)` in a read-only transaction on a worker thread, for
        code on the event loop."""

        def run() -> _T:
            with self.read() as conn:
                return query(conn, *args, **kwargs)

        return await asyncio.to_thread(run)

    async def write_in_thread(
        self, change: Callable[Concatenate[Connection, _P], _T], *args: _P.args, **kwargs: _P.kwargs
    ) -> _T:
        """`change(conn, *args, **kwargs)` in a write transaction on a worker thread, for code
        on the event loop."""

        def run() -> _T:
            with self.write() as conn:
                return change(conn, *args, **kwargs)

        return await asyncio.to_thread(run)

    def ping(self) -> None:
        """Ask the database for nothing, in a transaction: raises when it does not answer."""
        with self.read() as conn:
            conn.execute(text("SELECT 1"))

    @property
    def where(self) -> str:
        """The URL without its password, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def after_commit(conn: Connection, then: Callable[[], None]) -> None:
    """Run `then` once the `Database.write` transaction of `conn` has committed (never when it
    rolls back). An error in `then` is logged: the commit stands."""
    _AFTER_COMMIT.setdefault(conn, []).append(then)


def wait_until_reachable(database: Database, limit_seconds: float) -> None:
    """Return once `database` answers; until then retry, waiting twice as long each time (up to
    `LONGEST_WAIT_SECONDS`) and logging each attempt. Raise `DatabaseUnavailable` when the next
    attempt would come after `limit_seconds`."""
    started = time.monotonic()
    attempt = 0
    while True:
        attempt += 1
        try:
            with database.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return
        except OperationalError as error:
            reason = str(error.orig or error).strip().splitlines()[0]
            delay = min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (attempt - 1))
            if time.monotonic() - started + delay > limit_seconds:
                raise DatabaseUnavailable(
                    f"the database at {database.where} did not answer within "
                    f"{limit_seconds:g} s ({attempt} attempts; database_wait_seconds sets the "
                    f"limit): {reason}"
                ) from error
            log.warning(
                "waiting for the database at %s (attempt %d, next in %g s): %s",
                database.where,
                attempt,
                delay,
                reason,
            )
            time.sleep(delay)


def folded(text: str | None) -> str | None:
    """`text` in one case for comparing: each character by its simple (one for one) lowercase
    mapping, as PostgreSQL's `lower()` has it, then "ß" as "ss" and "ς" as "σ", as Unicode's case
    folding has them. (Python's `str.lower` maps "İ" to "i" and a combining dot above, where the
    simple mapping is "i"; it also maps a final "Σ" to "ς", which becomes "σ" here anyway.)"""
    if text is None:
        return None
    return text.replace("İ", "i").lower().replace("ß", "ss").replace("ς", "σ")


def _create_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()
        dbapi_connection.create_function(FOLD_FUNCTION, 1, folded, deterministic=True)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
