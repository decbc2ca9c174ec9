"""Deliveries: a story's delivery report, its withdrawal, a destination's recent deliveries, and
sending deliveries again.

The rule of who may do what: a principal bound to a publisher reaches only its publisher's
stories, and only the destinations of subscribers its publisher added; sending a delivery again
needs both its story and its destination within reach (the desk's rule, now the API's and the
command line's too). Changing anything needs the `write` scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from polywire.accounts import access
from polywire.domain import Delivery, Destination
from polywire.publish.editorial import operations
from polywire.services.acting import Actor, may_write
from polywire.services.parts import Parts
from polywire.services.subscribers import reach_destination
from polywire.store import deliveries as records
from polywire.store import subscribers as subscriber_store
from polywire.store.deliveries import Attempt
from polywire.store.types import utcnow

#: How far back, and how many, a destination's page shows of its deliveries.
RECENT = timedelta(days=7)
RECENT_SHOWN = 50


@dataclass(frozen=True)
class Recent:
    """A destination's latest deliveries, newest first, each with its attempts."""

    destination: Destination
    deliveries: list[Delivery]
    attempts: dict[str, list[Attempt]]


class DeliveryService:
    def __init__(self, wire: Parts) -> None:
        self.wire = wire

    def report(self, actor: Actor, story_id: str) -> dict[str, Any]:
        """Per version, language and channel: targeted, delivered, pending, failed, and the time
        from release to the first and to the last delivery."""
        with self.wire.database.read() as conn:
            _reach_story(conn, actor, story_id)
        return operations.report(self.wire, story_id)

    def withdraw(self, actor: Actor, story_id: str, reason: str) -> int:
        """Withdraw a story (everyone who got it is told); answers its withdrawal version."""
        may_write(actor)
        with self.wire.database.read() as conn:
            _reach_story(conn, actor, story_id)
        return operations.withdraw_story(self.wire, story_id, reason)

    def recent(self, actor: Actor, destination_id: str) -> Recent:
        since = utcnow() - RECENT
        with self.wire.database.read() as conn:
            reach_destination(conn, actor, destination_id)
            destination = subscriber_store.get_destination(conn, destination_id)
            found = records.deliveries_since(conn, destination_id, since)[-RECENT_SHOWN:]
            attempts = {d.id: records.attempts_of(conn, d.id) for d in found}
        return Recent(destination, found[::-1], attempts)

    def replay(self, actor: Actor, delivery_id: str) -> Delivery:
        """Send one delivery again (same `webhook-id`); answers it."""
        may_write(actor)
        with self.wire.database.read() as conn:
            delivery = records.get_delivery(conn, delivery_id)
            if actor is not None:
                access.check_delivery(conn, actor.user, delivery_id)
                reach_destination(conn, actor, delivery.destination_id)
        operations.replay_delivery(self.wire, delivery_id)
        return delivery

    def replay_since(self, actor: Actor, destination_id: str, since: datetime) -> list[str]:
        """Send again everything a destination was sent since a time; answers their ids."""
        may_write(actor)
        with self.wire.database.read() as conn:
            reach_destination(conn, actor, destination_id)
        return operations.replay_since(self.wire, destination_id, since)


def _reach_story(conn: Connection, actor: Actor, story_id: str) -> None:
    """NotFound for an unknown story; Forbidden for another publisher's. The operator reaches
    every story (the operation's own look-up says NotFound)."""
    if actor is not None:
        access.story_for(conn, actor.user, story_id)
