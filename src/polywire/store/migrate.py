"""Bring a database to the newest schema with the Alembic migrations shipped in the package."""

from __future__ import annotations

import threading
from importlib.resources import files

from alembic import command
from alembic.config import Config

from polywire.store.db import Database


def alembic_config(database: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("polywire.store") / "migrations"))
    config.attributes["connection_url"] = database.url
    return config


def upgrade(database: Database) -> None:
    """Apply every migration not yet applied. Safe to call from several processes at once.

    Each area adds its tables in its own migration branch off `0001`, so the target is `heads`."""
    config = alembic_config(database)
    with database.write() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "heads")


_migrated: set[str] = set()
_migrating = threading.Lock()


def upgrade_once(database: Database) -> None:
    """`upgrade`, once per database URL in this process.

    Every door, worker and test builds its own `Wire`; the schema cannot fall behind the code
    while the process runs, so after the first upgrade Alembic need not load its scripts and
    lock the version table again. The lock keeps two threads from upgrading the same database
    at once (and from each skipping it before the other is done)."""
    with _migrating:
        if database.url in _migrated:
            return
        upgrade(database)
        _migrated.add(database.url)
