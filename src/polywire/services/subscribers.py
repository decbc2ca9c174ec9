"""Subscribers: who gets what, and where. Listing, reading, adding, editing, pausing, resuming and
removing one, removing one of its destinations and rotating a webhook's secret.

The rule of who may do what: a principal bound to a publisher sees and changes only the
subscribers its publisher added (those it adds become its publisher's); one bound to none, and
the operator, reach every subscriber; changing needs the `write` scope. A subscriber that does
not exist is `NotFound` before it is anyone's, so that the answer does not depend on who asks.
Each method is one transaction.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection

from polywire.accounts import access
from polywire.domain import Destination, Subscriber
from polywire.publish.subscribers import parse_edit
from polywire.services.acting import Actor, may_write, publisher_of
from polywire.services.parts import Parts
from polywire.store import accounts as owners
from polywire.store import subscribers as store
from polywire.subscriptions import SubscriberEdit, SubscriberSpec


class SubscriberService:
    def __init__(self, wire: Parts) -> None:
        self.database = wire.database
        #: How long a rotated webhook secret keeps signing beside the new one.
        self.secret_overlap = timedelta(hours=wire.settings.publish.webhook.secret_overlap_hours)

    def visible(self, actor: Actor, *, limit: int = 100, offset: int = 0) -> list[Subscriber]:
        """The subscribers the actor may see, in the order they were added."""
        with self.database.read() as conn:
            return store.list_subscribers(
                conn, publisher=publisher_of(actor), limit=limit, offset=offset
            )

    def get(self, actor: Actor, subscriber_id: str) -> Subscriber:
        with self.database.read() as conn:
            _reach_subscriber(conn, actor, subscriber_id)
            return store.get_subscriber(conn, subscriber_id)

    def add(self, actor: Actor, spec: SubscriberSpec) -> tuple[Subscriber, str]:
        """Add a subscriber, owned by the actor's publisher; answers it and its token (which
        is not stored: show it once)."""
        may_write(actor)
        publisher = publisher_of(actor)
        with self.database.write() as conn:
            subscriber, token = store.add_subscriber(conn, spec)
            if publisher is not None:
                owners.set_subscriber_owner(conn, subscriber.id, publisher)
        return subscriber, token

    def edit(
        self, actor: Actor, subscriber_id: str, edit: SubscriberEdit
    ) -> tuple[Subscriber, list[str]]:
        """Change what a subscriber gets and where; answers it and the ids of the destinations
        added (whose webhook secrets are shown once)."""
        may_write(actor)
        with self.database.write() as conn:
            _reach_subscriber(conn, actor, subscriber_id)
            return store.edit_subscriber(conn, subscriber_id, edit)

    def remove_destination(
        self, actor: Actor, subscriber_id: str, destination_id: str
    ) -> Destination:
        """Stop sending to one of a subscriber's destinations (its past deliveries stay);
        answers the destination as it was."""
        may_write(actor)
        edit = parse_edit({"remove_destinations": [destination_id]})
        with self.database.write() as conn:
            _reach_subscriber(conn, actor, subscriber_id)
            removed = store.get_destination(conn, destination_id)
            store.edit_subscriber(conn, subscriber_id, edit)
        return removed

    def set_paused(self, actor: Actor, subscriber_id: str, paused: bool) -> Subscriber:
        """Pause a subscriber (not targeted until resumed; what it misses is not sent later),
        or resume it."""
        may_write(actor)
        with self.database.write() as conn:
            _reach_subscriber(conn, actor, subscriber_id)
            return store.pause_subscriber(conn, subscriber_id, paused)

    def remove(self, actor: Actor, subscriber_id: str) -> None:
        """Stop sending to a subscriber; its delivery history stays."""
        may_write(actor)
        with self.database.write() as conn:
            _reach_subscriber(conn, actor, subscriber_id)
            store.remove_subscriber(conn, subscriber_id)

    def destination(self, actor: Actor, destination_id: str) -> Destination:
        with self.database.read() as conn:
            reach_destination(conn, actor, destination_id)
            return store.get_destination(conn, destination_id)

    def rotate_secret(self, actor: Actor, destination_id: str) -> str:
        """A new signing secret for a webhook; the old one keeps signing beside it for
        `secret_overlap`."""
        may_write(actor)
        with self.database.write() as conn:
            reach_destination(conn, actor, destination_id)
            return store.rotate_secret(conn, destination_id, self.secret_overlap)


def _reach_subscriber(conn: Connection, actor: Actor, subscriber_id: str) -> None:
    """NotFound for an unknown subscriber; Forbidden for one the actor may not reach. The
    operator reaches every subscriber (the store's own look-up says NotFound)."""
    if actor is not None:
        access.check_subscriber(conn, actor.user, subscriber_id)


def reach_destination(conn: Connection, actor: Actor, destination_id: str) -> None:
    """NotFound for an unknown destination; Forbidden for one of a subscriber the actor may not
    reach (the deliveries service applies the same rule)."""
    if actor is not None:
        access.check_destination(conn, actor.user, destination_id)
