"""The first account of a new wire, so that the demo can be signed in to at once."""

from __future__ import annotations

from sqlalchemy import func, select

from polywire.domain import Role
from polywire.store import accounts as store
from polywire.store.account_tables import users
from polywire.store.db import Database
from polywire.store.secrets import new_password


def first_admin(database: Database, name: str = "admin") -> tuple[str, str] | None:
    """When the store has no user yet, add an admin with a generated password and return
    (name, password) to print; None when there are users already (nothing is changed)."""
    with database.write() as conn:
        if conn.execute(select(func.count()).select_from(users)).scalar_one():
            return None
        password = new_password()
        store.add_user(conn, name, password, Role.ADMIN, None)
    return name, password
