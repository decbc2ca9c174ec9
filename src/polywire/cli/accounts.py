"""`polywire users add/list/role/reset-password/disable` and `polywire tokens
add/list/revoke`: who may use the newsroom and the HTTP API, on the embedded store as its operator,
through `polywire.services.UserService` and `TokenService` (as the desk's users and tokens
pages)."""

from __future__ import annotations

from pathlib import Path

import click

from polywire.cli._common import open_wire, settings_from, store_options
from polywire.cli._ids import resolve
from polywire.domain import Role, Scope


@click.group()
def users() -> None:
    """People who sign in to the newsroom."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--publisher", default=None, help="The publisher whose stories this user works on.")
@click.option("--email", default=None, help="Where password-reset links go (optional).")
@store_options
def add_user(
    name: str,
    role: str,
    publisher: str | None,
    email: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Add a user; prints a generated password (shown once)."""
    from polywire.services.users import UserService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        user, password = UserService(wire).add(None, name, role, publisher, email)
    scope = f" of {user.publisher}" if user.publisher else ""
    click.echo(f"user {user.name} ({user.role.value}{scope}) added")
    click.echo(f"password: {password}")


@users.command("list")
@store_options
def list_users(data_dir: Path | None, database_url: str | None) -> None:
    """Users, their roles and publishers."""
    from polywire.services.users import UserService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        found = UserService(wire).visible(None)
    for user in found:
        click.echo(f"{user.name}\t{user.role.value}\t{user.publisher or '*'}")


@users.command("role")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--publisher", default=None, help="The publisher whose stories this user works on.")
@store_options
def set_role(
    name: str, role: str, publisher: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Change a user's role and publisher; their sessions end."""
    from polywire.services.users import UserService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        user = UserService(wire).change_role(None, name, role, publisher)
    scope = f" of {user.publisher}" if user.publisher else ""
    click.echo(f"user {user.name} is now {user.role.value}{scope}")


@users.command("reset-password")
@click.argument("name")
@store_options
def reset_password(name: str, data_dir: Path | None, database_url: str | None) -> None:
    """Give a user a new generated password (shown once); their sessions end."""
    from polywire.services.users import UserService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        password = UserService(wire).reset_password(None, name)
    click.echo(f"user {name}: new password: {password}")


@users.command("disable")
@click.argument("name")
@store_options
def disable_user(name: str, data_dir: Path | None, database_url: str | None) -> None:
    """Stop a user signing in; their sessions end and their API tokens stop working."""
    from polywire.services.users import UserService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        UserService(wire).disable(None, name)
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
    from polywire.services.tokens import TokenService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        record, token = TokenService(wire).add(None, user, name, list(scopes))
    click.echo(f"{record.id}  {record.user_name}  {record.name}  {','.join(record.scopes)}")
    click.echo(f"token: {token}")


@tokens.command("list")
@click.option("--user", default=None, help="Only this user's tokens.")
@store_options
def list_tokens(user: str | None, data_dir: Path | None, database_url: str | None) -> None:
    """API tokens: id, user, name, scopes, last use, and whether revoked."""
    from polywire.services.tokens import TokenService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        found = TokenService(wire).visible(None, user_name=user)
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
    """Revoke an API token by its id (or the beginning of it); it stops working at once."""
    from polywire.services.tokens import TokenService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        token_id = resolve(wire, "token", token_id)
        TokenService(wire).revoke(None, token_id)
    click.echo(f"token {token_id} revoked")
