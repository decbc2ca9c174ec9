"""`polywire users add/list/disable` and `polywire tokens add/list/revoke`: who may use the
newsroom and the HTTP API, on the embedded store."""

from __future__ import annotations

from pathlib import Path

import click

from polywire.cli._common import settings_from, store_options
from polywire.domain import Role, Scope
from polywire.store import accounts as store
from polywire.store.secrets import new_password
from polywire.wire import Wire


@click.group()
def users() -> None:
    """People who sign in to the newsroom."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--publisher", default=None, help="The publisher whose stories this user works on.")
@store_options
def add_user(
    name: str, role: str, publisher: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Add a user; prints a generated password (shown once)."""
    password = new_password()
    wire = Wire(settings_from(data_dir, database_url))
    try:
        with wire.database.write() as conn:
            user = store.add_user(conn, name, password, Role(role), publisher)
    finally:
        wire.close()
    scope = f" of {user.publisher}" if user.publisher else ""
    click.echo(f"user {user.name} ({user.role.value}{scope}) added")
    click.echo(f"password: {password}")


@users.command("list")
@store_options
def list_users(data_dir: Path | None, database_url: str | None) -> None:
    """Users, their roles and publishers."""
    wire = Wire(settings_from(data_dir, database_url))
    try:
        with wire.database.read() as conn:
            found = store.list_users(conn)
    finally:
        wire.close()
    for user in found:
        click.echo(f"{user.name}\t{user.role.value}\t{user.publisher or '*'}")


@users.command("disable")
@click.argument("name")
@store_options
def disable_user(name: str, data_dir: Path | None, database_url: str | None) -> None:
    """Stop a user signing in; their sessions end and their API tokens stop working."""
    wire = Wire(settings_from(data_dir, database_url))
    try:
        with wire.database.write() as conn:
            store.disable_user(conn, name)
    finally:
        wire.close()
    click.echo(f"user {name} disabled")


@click.group()
def tokens() -> None:
    """API tokens for the HTTP API (Authorization: Bearer)."""


@tokens.command("add")
@click.argument("user")
@click.option("--name", default="api", help="What the token is for.")
@click.option(
    "--scope",
    "scopes",
    type=click.Choice([s.value for s in Scope]),
    multiple=True,
    default=[Scope.READ.value],
    show_default=True,
    help="read (GET) and/or write (everything else); repeatable.",
)
@store_options
def add_token(
    user: str,
    name: str,
    scopes: tuple[str, ...],
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Add an API token acting as USER; prints the token (shown once)."""
    wire = Wire(settings_from(data_dir, database_url))
    try:
        with wire.database.write() as conn:
            record, token = store.add_token(conn, user, name, [Scope(s) for s in scopes])
    finally:
        wire.close()
    click.echo(f"{record.id}  {record.user_name}  {record.name}  {','.join(record.scopes)}")
    click.echo(f"token: {token}")


@tokens.command("list")
@click.option("--user", default=None, help="Only this user's tokens.")
@store_options
def list_tokens(user: str | None, data_dir: Path | None, database_url: str | None) -> None:
    """API tokens: id, user, name, scopes, last use, and whether revoked."""
    wire = Wire(settings_from(data_dir, database_url))
    try:
        with wire.database.read() as conn:
            found = store.list_tokens(conn, user)
    finally:
        wire.close()
    for token in found:
        used = token.last_used.isoformat(timespec="seconds") if token.last_used else "never"
        state = "revoked" if token.revoked else "live"
        click.echo(
            f"{token.id}\t{token.user_name}\t{token.name}\t{','.join(token.scopes)}\t{used}\t{state}"
        )


@tokens.command("revoke")
@click.argument("token_id")
@store_options
def revoke_token(token_id: str, data_dir: Path | None, database_url: str | None) -> None:
    """Revoke an API token by its id; it stops working at once."""
    wire = Wire(settings_from(data_dir, database_url))
    try:
        with wire.database.write() as conn:
            store.revoke_token(conn, token_id)
    finally:
        wire.close()
    click.echo(f"token {token_id} revoked")


commands: list[click.Command] = [users, tokens]
