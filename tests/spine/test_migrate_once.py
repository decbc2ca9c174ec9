"""Migrations run once per database per process: every `Wire` (each door, worker and test
builds its own) would otherwise have Alembic load its scripts and lock the version table again,
about 150 ms each on this machine once the store is already at its heads."""

from __future__ import annotations

from pathlib import Path
from threading import Thread

import pytest
from sqlalchemy import inspect

from polywire.store import migrate
from polywire.store.db import Database


def test_a_database_is_upgraded_once_per_process_and_another_still_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgraded: list[str] = []
    real_upgrade = migrate.upgrade

    def counted(database: Database) -> None:
        upgraded.append(database.url)
        real_upgrade(database)

    monkeypatch.setattr(migrate, "upgrade", counted)
    first = f"sqlite:///{tmp_path / 'first.db'}"
    second = f"sqlite:///{tmp_path / 'second.db'}"

    opened = [Database(first) for _ in range(4)]
    threads = [Thread(target=migrate.upgrade_once, args=(database,)) for database in opened]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other = Database(second)
    migrate.upgrade_once(other)

    assert upgraded == [first, second]
    assert "stories" in inspect(opened[0].engine).get_table_names()
    for database in [*opened, other]:
        database.dispose()
