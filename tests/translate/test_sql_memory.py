"""The store's translation memory under two workers: flushes that touch the same segments wait
for each other instead of deadlocking, and hits and new translations are counted as before.

Found: with two workers, translation-memory writes deadlocked (and were retried): each wrote its
rows in the order of its document's segments."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text

from polywire.store.db import Database
from polywire.store.migrate import upgrade
from polywire.store.translate_tables import translation_memory as tm
from polywire.translate.memory import MemoryKey
from polywire.translate.sql_memory import SqlMemory, memory_stats

KEYS = [MemoryKey(f"segment {i}", "en", "es", "test", None) for i in range(1000)]


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    opened = Database(database_url)
    upgrade(opened)
    yield opened
    opened.dispose()


def learnt(database: Database, keys: list[MemoryKey], translation: str) -> SqlMemory:
    memory = SqlMemory(database)
    memory.lookup(keys)
    for key in keys:
        memory.remember(key, f"{translation} {key.text}")
    return memory


def flush(database: Database, memory: SqlMemory) -> None:
    with database.write() as conn:
        memory.flush(conn)


@pytest.mark.postgres
def test_two_workers_flushing_the_same_segments_in_opposite_orders_do_not_deadlock(
    postgres_url: str,
) -> None:
    database = Database(postgres_url)
    upgrade(database)
    flush(database, learnt(database, KEYS, "old"))
    forward = learnt(database, KEYS, "forward")
    backward = learnt(database, KEYS[::-1], "backward")
    failures: list[BaseException] = []

    def worker(memory: SqlMemory) -> None:
        try:
            flush(database, memory)
        except BaseException as error:
            failures.append(error)

    with database.write() as blocker:  # holds every row, so that both flushes start together
        blocker.execute(select(tm.c.key).with_for_update())
        threads = [threading.Thread(target=worker, args=(m,)) for m in (forward, backward)]
        for thread in threads:
            thread.start()
        waiting = text(
            "select count(*) from pg_stat_activity "
            "where wait_event_type = 'Lock' and datname = current_database()"
        )
        deadline = time.monotonic() + 10
        with database.read() as watch:
            while watch.execute(waiting).scalar_one() < 2:
                assert time.monotonic() < deadline, "the flushes did not both wait"
                time.sleep(0.02)
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    with database.read() as conn:
        texts = set(conn.execute(select(tm.c.target_text)).scalars())
        assert len(texts) == len(KEYS)
        assert {t.split()[0] for t in texts} in ({"forward"}, {"backward"})
    database.dispose()


def test_hits_and_new_translations_are_counted_once_each(database: Database) -> None:
    first, later, edited = KEYS[:3], KEYS[3:5], KEYS[5]
    flush(database, learnt(database, [*first, edited], "one"))
    memory = SqlMemory(database)
    assert memory.lookup(first + later) == {k: f"one {k.text}" for k in first}
    memory.remember(later[0], "two")
    memory.remember(later[1], "two")
    memory.remember(edited, "edited")  # an editor's newer translation replaces the older one
    flush(database, memory)
    with database.read() as conn:
        assert memory_stats(conn) == {"entries": 6, "hits": 3, "hit_rate": round(3 / 9, 4)}
        text_of = select(tm.c.target_text).where(tm.c.key == edited.digest)
        assert conn.execute(text_of).scalar_one() == "edited"
        assert conn.execute(select(func.max(tm.c.hits))).scalar_one() == 1
