"""Deliveries: a story's delivery report, the list of deliveries, a story's withdrawal, a
destination's recent deliveries, and sending deliveries again.

The rule of who may do what: a principal bound to a publisher reaches only its publisher's
stories, and only the destinations of subscribers its publisher added; sending a delivery again
needs both its story and its destination within reach (the desk's rule, now the API's and the
command line's too). Changing anything needs the `write` scope. A report and the list show every
delivery of the publisher's stories and every delivery to its subscribers; a subscriber another
publisher added is not named there (nor where it is, nor why it failed: a delivery's error
quotes the address it was sent to, or the answer of the subscriber's server), only counted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from polywire.accounts import access
from polywire.domain import BadInput, Delivery, Destination, Story
from polywire.publish.editorial import operations
from polywire.publish.reports.story import Line, story_lines
from polywire.services.acting import Actor, may_write, publisher_of
from polywire.services.parts import Parts
from polywire.services.subscribers import reach_destination
from polywire.store import deliveries as records
from polywire.store import stories as story_store
from polywire.store import subscribers as subscriber_store
from polywire.store.deliveries import Attempt, Listed
from polywire.store.types import utcnow

#: How far back, and how many, a destination's page shows of its deliveries.
RECENT = timedelta(days=7)
RECENT_SHOWN = 50

#: What a report or the list says of why a delivery to another publisher's subscriber failed.
UNSAID_ERROR = "the reason is for its publisher to see"

#: The states a delivery is in, which the list may be narrowed to.
STATES = ("pending", "delivered", "failed")


@dataclass(frozen=True)
class Shown:
    """A delivery as a report or the list shows it to its reader: its subscriber's id, name,
    destination id and address are None when another publisher added that subscriber, and its
    error is `UNSAID_ERROR`."""

    delivery: Delivery
    channel: str
    released: datetime
    subscriber_id: str | None
    subscriber: str | None
    destination_id: str | None
    address: str | None
    subscriber_removed: bool

    def to_json(self) -> dict[str, Any]:
        delivery = self.delivery
        return {
            "id": delivery.id,
            "story_id": delivery.story_id,
            "version": delivery.version,
            "language": delivery.language,
            "subscriber_id": self.subscriber_id,
            "subscriber": self.subscriber,
            "subscriber_removed": self.subscriber_removed,
            "destination_id": self.destination_id,
            "channel": self.channel,
            "address": self.address,
            "status": delivery.status,
            "attempts": delivery.attempts,
            "created": delivery.created.isoformat(),
            "delivered": delivery.delivered.isoformat() if delivery.delivered else None,
            "response_code": delivery.response_code,
            "error": delivery.error,
        }


@dataclass(frozen=True)
class StoryReport:
    """Per version, language and channel: targeted, delivered, pending, failed, and the time
    from release to the first and to the last delivery; then every delivery, by language,
    version and when it was made."""

    story: Story
    headline: str
    lines: list[Line]
    deliveries: list[Shown]

    def to_json(self) -> dict[str, Any]:
        return {
            "story_id": self.story.id,
            "lines": [line.to_json() for line in self.lines],
            "deliveries": [shown.to_json() for shown in self.deliveries],
        }


@dataclass(frozen=True)
class Recent:
    """A destination's latest deliveries, newest first, each with its attempts."""

    destination: Destination
    deliveries: list[Delivery]
    attempts: dict[str, list[Attempt]]


class DeliveryService:
    def __init__(self, wire: Parts) -> None:
        self.wire = wire

    def report(self, actor: Actor, story_id: str) -> StoryReport:
        """The delivery report of a story the actor reaches."""
        with self.wire.database.read() as conn:
            story = _reach_story(conn, actor, story_id)
            headline = story_store.get_version(conn, story_id, story.latest_version).headline
            found = records.list_deliveries(conn, story_id=story_id, limit=None)
        found.sort(key=lambda f: (f.delivery.language, f.delivery.version, f.delivery.created))
        shown = [_shown(actor, listed) for listed in found]
        return StoryReport(story, headline, story_lines(found), shown)

    def listed(
        self,
        actor: Actor,
        *,
        story_id: str | None = None,
        subscriber_id: str | None = None,
        destination_id: str | None = None,
        status: str | None = None,
        limit: int = 50,
    ) -> list[Shown]:
        """Deliveries, newest first, of the given story, to the given subscriber or
        destination, in the given state; a publisher's, those of its stories and those to its
        subscribers. Naming a story, subscriber or destination out of reach is refused."""
        if status is not None and status not in STATES:
            raise BadInput("status", f"one of {', '.join(STATES)}, not {status!r}")
        with self.wire.database.read() as conn:
            if story_id is not None:
                _reach_story(conn, actor, story_id)
            if subscriber_id is not None and actor is not None:
                access.check_subscriber(conn, actor.user, subscriber_id)
            if destination_id is not None:
                reach_destination(conn, actor, destination_id)
            found = records.list_deliveries(
                conn,
                story_id=story_id,
                subscriber_id=subscriber_id,
                destination_id=destination_id,
                status=status,
                publisher=publisher_of(actor),
                limit=limit,
            )
        return [_shown(actor, listed) for listed in found]

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


def _reach_story(conn: Connection, actor: Actor, story_id: str) -> Story:
    """NotFound for an unknown story; Forbidden for another publisher's. The operator reaches
    every story."""
    if actor is None:
        return story_store.get_story(conn, story_id)
    return access.story_for(conn, actor.user, story_id)


def _shown(actor: Actor, listed: Listed) -> Shown:
    named = actor is None or access.reaches_subscriber_of(actor.user, listed.owner)
    delivery = listed.delivery
    if not named and delivery.error is not None:
        delivery = replace(delivery, error=UNSAID_ERROR)
    return Shown(
        delivery,
        listed.channel,
        listed.released,
        listed.subscriber_id if named else None,
        listed.subscriber if named else None,
        delivery.destination_id if named else None,
        listed.address if named else None,
        listed.removed,
    )
