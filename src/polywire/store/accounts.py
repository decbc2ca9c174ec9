"""Queries for users, sessions, API tokens and subscriber owners."""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import timedelta
from functools import cache
from typing import Any

from sqlalchemy import Connection, select, update

from polywire.domain import ApiToken, BadInput, NotFound, Principal, Role, Scope, User
from polywire.store.account_tables import (
    api_tokens,
    password_resets,
    sessions,
    subscriber_owners,
    users,
)
from polywire.store.secrets import (
    digest,
    hash_password,
    needs_rehash,
    new_token,
    password_matches,
)
from polywire.store.types import utcnow

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s]+")


@cache
def _dummy_hash() -> str:
    """Verified against when a name is unknown, so that both answers take as long; made on the
    first sign-in, not when the module is imported (an argon2 hash takes a good part of a
    second on purpose)."""
    return hash_password("polywire: no such user")


def add_user(
    conn: Connection,
    name: str,
    password: str,
    role: Role,
    publisher: str | None,
    email: str | None = None,
) -> User:
    if not _NAME.fullmatch(name):
        raise BadInput("user name", f"{name!r}: use letters, digits and . _ @ - (up to 100)")
    _check_role(name, role, publisher)
    if conn.execute(select(users.c.id).where(users.c.name == name)).first() is not None:
        raise BadInput("user name", f"{name!r} is taken")
    email = _checked_email(email)
    user = User(uuid.uuid4().hex, name, role, publisher or None, utcnow(), email)
    conn.execute(
        users.insert().values(
            id=user.id,
            name=name,
            password_hash=hash_password(password),
            role=role.value,
            publisher=user.publisher,
            created=user.created,
            email=email,
        )
    )
    return user


def _check_role(name: str, role: Role, publisher: str | None) -> None:
    if role == Role.PUBLISHER and not publisher:
        raise BadInput("user " + name, "a publisher user needs --publisher")


def _checked_email(email: str | None) -> str | None:
    email = (email or "").strip() or None
    if email is not None and not _EMAIL.fullmatch(email):
        raise BadInput("e-mail", f"{email!r}: not an e-mail address (name@example.org)")
    return email


def set_role(conn: Connection, name: str, role: Role, publisher: str | None) -> User:
    """Change what a user may do and whose work they see; their sessions end, so that the next
    sign-in carries the new role."""
    user = get_user_by_name(conn, name)
    _check_role(name, role, publisher)
    conn.execute(
        update(users)
        .where(users.c.id == user.id)
        .values(role=role.value, publisher=publisher or None)
    )
    conn.execute(sessions.delete().where(sessions.c.user_id == user.id))
    return get_user_by_name(conn, name)


def set_password(conn: Connection, name: str, password: str) -> None:
    """A new password for a user (reset by an admin, or through an e-mailed link): their
    sessions end and any reset link still open stops working."""
    user = get_user_by_name(conn, name)
    conn.execute(
        update(users).where(users.c.id == user.id).values(password_hash=hash_password(password))
    )
    conn.execute(sessions.delete().where(sessions.c.user_id == user.id))
    conn.execute(password_resets.delete().where(password_resets.c.user_id == user.id))


def start_reset(conn: Connection, name: str, hours: float) -> tuple[User, str] | None:
    """A one-time password-reset link's token for a live user with an e-mail address, valid
    for `hours` (the store keeps its digest); None when there is no such user or no address."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None or row.disabled is not None or not row.email:
        return None
    token = new_token("pwr")
    conn.execute(
        password_resets.insert().values(
            token_hash=digest(token), user_id=row.id, expires=utcnow() + timedelta(hours=hours)
        )
    )
    return _user(row), token


def finish_reset(conn: Connection, token: str, password: str) -> User:
    """Set the password of the user a reset link was sent to; the link then stops working."""
    row = conn.execute(
        select(users, password_resets.c.expires)
        .join(password_resets, password_resets.c.user_id == users.c.id)
        .where(password_resets.c.token_hash == digest(token))
    ).first()
    if row is None or row.expires <= utcnow() or row.disabled is not None:
        raise BadInput("reset link", "it has expired or was used already: ask for a new one")
    set_password(conn, row.name, password)
    return _user(row)


def has_users(conn: Connection) -> bool:
    """Whether any user was ever added (a disabled one too)."""
    return conn.execute(select(users.c.id).limit(1)).first() is not None


def list_users(conn: Connection) -> list[User]:
    rows = conn.execute(select(users).where(users.c.disabled.is_(None)).order_by(users.c.name))
    return [_user(row) for row in rows]


def get_user_by_name(conn: Connection, name: str) -> User:
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None or row.disabled is not None:
        raise NotFound(f"user {name!r}: no such user")
    return _user(row)


def disable_user(conn: Connection, name: str) -> None:
    """A user who may no longer sign in: their sessions end and their API tokens stop working."""
    user = get_user_by_name(conn, name)
    conn.execute(update(users).where(users.c.id == user.id).values(disabled=utcnow()))
    conn.execute(sessions.delete().where(sessions.c.user_id == user.id))


def authenticate(conn: Connection, name: str, password: str) -> User | None:
    """The user whose name and password these are, or None."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None or row.disabled is not None:
        password_matches(_dummy_hash(), password)
        return None
    if not password_matches(row.password_hash, password):
        return None
    if needs_rehash(row.password_hash):
        conn.execute(
            update(users).where(users.c.id == row.id).values(password_hash=hash_password(password))
        )
    return _user(row)


def start_session(conn: Connection, user: User, hours: float) -> tuple[str, str]:
    """A new session: returns (the cookie's token, the session's CSRF token)."""
    token = new_token("pws")
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    conn.execute(
        sessions.insert().values(
            token_hash=digest(token),
            user_id=user.id,
            csrf=csrf,
            created=now,
            expires=now + timedelta(hours=hours),
        )
    )
    return token, csrf


def session_user(conn: Connection, token: str) -> tuple[User, str] | None:
    """The signed-in user and the session's CSRF token, for a live session."""
    row = conn.execute(
        select(users, sessions.c.csrf, sessions.c.expires)
        .join(sessions, sessions.c.user_id == users.c.id)
        .where(sessions.c.token_hash == digest(token))
    ).first()
    if row is None or row.expires <= utcnow() or row.disabled is not None:
        return None
    return _user(row), str(row.csrf)


def end_session(conn: Connection, token: str) -> None:
    conn.execute(sessions.delete().where(sessions.c.token_hash == digest(token)))


def add_token(
    conn: Connection, user_name: str, name: str, scopes: list[Scope]
) -> tuple[ApiToken, str]:
    """A new API token for a user: returns the record and the token itself (shown once)."""
    user = get_user_by_name(conn, user_name)
    if not scopes:
        raise BadInput("token " + name, "give at least one scope (read, write)")
    token = new_token("pwt")
    record = ApiToken(
        uuid.uuid4().hex,
        user.name,
        name,
        sorted(s.value for s in scopes),
        utcnow(),
        None,
        None,
    )
    conn.execute(
        api_tokens.insert().values(
            id=record.id,
            user_id=user.id,
            name=name[:100],
            token_hash=digest(token),
            scopes=record.scopes,
            created=record.created,
        )
    )
    return record, token


def list_tokens(conn: Connection, user_name: str | None = None) -> list[ApiToken]:
    query = (
        select(api_tokens, users.c.name.label("user_name"))
        .join(users, users.c.id == api_tokens.c.user_id)
        .order_by(api_tokens.c.created)
    )
    if user_name is not None:
        query = query.where(users.c.name == user_name)
    return [
        ApiToken(
            row.id,
            row.user_name,
            row.name,
            list(row.scopes),
            row.created,
            row.last_used,
            row.revoked,
        )
        for row in conn.execute(query)
    ]


def revoke_token(conn: Connection, token_id: str) -> None:
    done = conn.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id, api_tokens.c.revoked.is_(None))
        .values(revoked=utcnow())
    )
    if done.rowcount == 0:
        raise NotFound(f"API token {token_id!r}: no such live token")


def token_principal(conn: Connection, token: str) -> Principal | None:
    """The principal acting through a live API token (and note that it was used)."""
    row = conn.execute(
        select(users, api_tokens.c.id.label("token_id"), api_tokens.c.scopes)
        .join(api_tokens, api_tokens.c.user_id == users.c.id)
        .where(api_tokens.c.token_hash == digest(token), api_tokens.c.revoked.is_(None))
    ).first()
    if row is None or row.disabled is not None:
        return None
    conn.execute(
        update(api_tokens).where(api_tokens.c.id == row.token_id).values(last_used=utcnow())
    )
    return Principal(_user(row), frozenset(Scope(s) for s in row.scopes), row.token_id)


def set_subscriber_owner(conn: Connection, subscriber_id: str, publisher: str) -> None:
    conn.execute(
        subscriber_owners.insert().values(subscriber_id=subscriber_id, publisher=publisher)
    )


def subscriber_owner(conn: Connection, subscriber_id: str) -> str | None:
    """The publisher that owns a subscriber; None for one added before accounts, or by an admin
    with no publisher (the wire's own subscribers)."""
    row = conn.execute(
        select(subscriber_owners.c.publisher).where(
            subscriber_owners.c.subscriber_id == subscriber_id
        )
    ).first()
    return None if row is None else str(row.publisher)


def subscribers_of(conn: Connection, publisher: str) -> set[str]:
    rows = conn.execute(
        select(subscriber_owners.c.subscriber_id).where(subscriber_owners.c.publisher == publisher)
    )
    return {str(row.subscriber_id) for row in rows}


def _user(row: Any) -> User:
    return User(row.id, row.name, Role(row.role), row.publisher, row.created, row.email)
