"""Bring a database to the newest schema with the Alembic migrations shipped in the package."""

from __future__ import annotations

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
