"""What the command line and the API ask of publishing, on the wire's store: withdraw a story,
replay deliveries. One place, so both speak the same rules."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from polywire.domain import BadInput, zoned_utc
from polywire.publish.deliver import stages as deliver
from polywire.publish.editorial import withdraw
from polywire.publish.editorial.wire_parts import WireParts
from polywire.store import deliveries as records
from polywire.store import subscribers as subscriber_store


def withdraw_story(wire: WireParts, story_id: str, reason: str) -> int:
    """Withdraw a story; returns the number of its withdrawal version."""
    with wire.database.write() as conn:
        renditions = withdraw.withdraw(conn, story_id, reason)
        wire.pipeline.release_now(conn, renditions)
    return renditions[0].version


def replay_delivery(wire: WireParts, delivery_id: str) -> list[str]:
    with wire.database.write() as conn:
        delivery = records.get_delivery(conn, delivery_id)
        _still_there(conn, delivery.destination_id)
        deliver.replay(conn, delivery)
    return [delivery.id]


def replay_since(wire: WireParts, destination_id: str, since: datetime) -> list[str]:
    if since.tzinfo is None:
        raise BadInput("since", "the time needs a time zone (e.g. 2026-11-25T09:00Z)")
    zoned_utc(since, "since")
    with wire.database.write() as conn:
        _still_there(conn, destination_id)
        found = records.deliveries_since(conn, destination_id, since)
        for delivery in found:
            deliver.replay(conn, delivery)
    return [d.id for d in found]


def _still_there(conn: Connection, destination_id: str) -> None:
    """NotFound for an unknown destination; BadInput for a removed one (nothing is sent there)."""
    destination = subscriber_store.get_destination(conn, destination_id)
    if destination.removed is not None:
        removed = destination.removed.isoformat(timespec="seconds")
        raise BadInput(
            "destination", f"{destination_id!r} was removed on {removed}: nothing is sent to it"
        )
