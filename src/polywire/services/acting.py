"""Who is acting on a service: a principal (a signed-in user, or a user through one of its API
tokens), or None for the wire's operator.

None is whoever holds the wire itself: the command line on the embedded store (reading the data
directory already gives the whole wire), a background job, and the HTTP API left open on
loopback without tokens. It may do everything to every publisher's data, as an admin bound to
no publisher may.
"""

from __future__ import annotations

from typing import TypeAlias

from polywire.accounts import access
from polywire.domain import Principal, Scope

Actor: TypeAlias = Principal | None


def publisher_of(actor: Actor) -> str | None:
    """Whose data the actor's lists show and whose data it creates: its publisher, or None for
    the whole wire (see `access.list_scope`)."""
    return access.list_scope(None if actor is None else actor.user)


def may_write(actor: Actor) -> None:
    """Forbidden for a principal whose token may only read."""
    if actor is not None:
        access.require_scope(actor, Scope.WRITE)
