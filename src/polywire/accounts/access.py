"""Per-publisher separation: whether a user may reach a story, a subscriber, a destination or a
delivery, and whose data its lists and counts show (`list_scope`). One place, so the pages and
the HTTP API apply the same rule."""

from __future__ import annotations

from sqlalchemy import Connection

from polywire.domain import Forbidden as Forbidden  # what these checks raise; callers catch it here
from polywire.domain import Principal, Scope, Story, User
from polywire.store import accounts as accounts_store
from polywire.store import deliveries as delivery_store
from polywire.store import stories as story_store
from polywire.store import subscribers as subscriber_store


def list_scope(user: User | None) -> str | None:
    """Whose data a user's lists and counts show, as the `publisher` every list query takes: a
    user bound to a publisher sees only that publisher's stories, subscribers, reports, jobs and
    feed sources; an admin or editor bound to none, and a request the API lets through without
    anyone (no token needed on loopback), sees the whole wire (None)."""
    return None if user is None else user.publisher


def require_scope(principal: Principal, needed: Scope) -> None:
    """Forbidden when a principal's token lacks a scope (a read-only token asked to change)."""
    if needed not in principal.scopes:
        raise Forbidden(f"the token lacks the {needed.value!r} scope")


def story_for(conn: Connection, user: User, story_id: str) -> Story:
    story = story_store.get_story(conn, story_id)
    if not user.can_see(story.publisher):
        raise Forbidden(f"story {story_id!r} belongs to another publisher")
    return story


def reaches_subscriber_of(user: User, owner: str | None) -> bool:
    """Whether a user reaches a subscriber that the publisher `owner` added (None: added by the
    operator or an admin bound to no publisher)."""
    return user.publisher is None or owner == user.publisher


def check_subscriber(conn: Connection, user: User, subscriber_id: str) -> None:
    subscriber_store.get_subscriber(conn, subscriber_id)
    if not reaches_subscriber_of(user, accounts_store.subscriber_owner(conn, subscriber_id)):
        raise Forbidden(f"subscriber {subscriber_id!r} belongs to another publisher")


def check_destination(conn: Connection, user: User, destination_id: str) -> None:
    """Forbidden naming the destination, not its subscriber, whose id the lists keep from a
    publisher that did not add it."""
    destination = subscriber_store.get_destination(conn, destination_id)
    owner = accounts_store.subscriber_owner(conn, destination.subscriber_id)
    if not reaches_subscriber_of(user, owner):
        raise Forbidden(
            f"destination {destination_id!r} belongs to a subscriber of another publisher"
        )


def check_delivery(conn: Connection, user: User, delivery_id: str) -> None:
    story_for(conn, user, delivery_store.get_delivery(conn, delivery_id).story_id)
