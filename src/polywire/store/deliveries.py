"""Queries for deliveries (one per destination and rendition) and their attempts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, or_, select, update

from polywire.domain import Delivery, NotFound
from polywire.store import group_writes
from polywire.store.account_tables import subscriber_owners
from polywire.store.db import in_batches
from polywire.store.publish_tables import deliveries, delivery_attempts, destinations, subscribers
from polywire.store.tables import stories


@dataclass(frozen=True)
class Attempt:
    attempt: int
    started: datetime
    outcome: str
    response_code: int | None
    latency_ms: float
    error: str | None


def add_pending(
    conn: Connection,
    destination_ids: list[tuple[str, str]],
    *,
    story_id: str,
    version: int,
    language: str,
    event_seq: int,
    released: datetime,
    now: datetime,
) -> dict[str, str]:
    """Pending deliveries for (destination id, channel) pairs that have none for this rendition.

    Returns destination id → delivery id for the new ones."""
    existing = set(
        conn.execute(
            select(deliveries.c.destination_id).where(
                deliveries.c.story_id == story_id,
                deliveries.c.version == version,
                deliveries.c.language == language,
            )
        ).scalars()
    )
    fresh = {d: uuid.uuid4().hex for d, _ in destination_ids if d not in existing}
    channels = dict(destination_ids)
    if fresh:
        conn.execute(
            deliveries.insert(),
            [
                {
                    "id": delivery_id,
                    "destination_id": destination_id,
                    "story_id": story_id,
                    "version": version,
                    "language": language,
                    "event_seq": event_seq,
                    "channel": channels[destination_id],
                    "status": "pending",
                    "attempts": 0,
                    "released": released,
                    "created": now,
                    "next_attempt": now,
                }
                for destination_id, delivery_id in fresh.items()
            ],
        )
    return fresh


def get_delivery(conn: Connection, delivery_id: str) -> Delivery:
    row = conn.execute(select(deliveries).where(deliveries.c.id == delivery_id)).first()
    if row is None:
        raise NotFound(f"delivery {delivery_id!r}: no such delivery")
    return _delivery(row)


def find_delivery(
    conn: Connection, destination_id: str, story_id: str, version: int, language: str
) -> Delivery:
    row = conn.execute(
        select(deliveries).where(
            deliveries.c.destination_id == destination_id,
            deliveries.c.story_id == story_id,
            deliveries.c.version == version,
            deliveries.c.language == language,
        )
    ).first()
    if row is None:
        raise NotFound(
            f"destination {destination_id!r}: no delivery of story {story_id!r} "
            f"v{version} {language}"
        )
    return _delivery(row)


#: The record of a successful attempt, written for a whole group at once (`group_writes`).
_ADD_ATTEMPT = delivery_attempts.insert()
_DELIVERED = (
    update(deliveries)
    .where(deliveries.c.id == bindparam("b_id"))
    .values(
        status="delivered",
        attempts=deliveries.c.attempts + 1,
        response_code=bindparam("b_code"),
        latency_ms=bindparam("b_latency"),
        error=None,
        next_attempt=None,
        delivered=func.coalesce(deliveries.c.delivered, bindparam("b_at")),
    )
)


def find_deliveries(
    conn: Connection, keys: list[tuple[str, str, int, str]]
) -> dict[tuple[str, str, int, str], Delivery]:
    """The deliveries of (destination id, story id, version, language) keys; missing keys are
    left out."""
    by_rendition: dict[tuple[str, int, str], list[str]] = {}
    for destination_id, story_id, version, language in keys:
        by_rendition.setdefault((story_id, version, language), []).append(destination_id)
    found: dict[tuple[str, str, int, str], Delivery] = {}
    for (story_id, version, language), destination_ids in by_rendition.items():
        for batch in in_batches(destination_ids):
            rows = conn.execute(
                select(deliveries).where(
                    deliveries.c.story_id == story_id,
                    deliveries.c.version == version,
                    deliveries.c.language == language,
                    deliveries.c.destination_id.in_(batch),
                )
            )
            for row in rows:
                found[(row.destination_id, story_id, version, language)] = _delivery(row)
    return found


def record_delivered(conn: Connection, delivery_id: str, attempt: Attempt, at: datetime) -> None:
    """A successful attempt: its record and the delivery's state (grouped, see `group_writes`)."""
    group_writes.write(conn, _ADD_ATTEMPT, _attempt_row(delivery_id, attempt))
    group_writes.write(
        conn,
        _DELIVERED,
        {
            "b_id": delivery_id,
            "b_code": attempt.response_code,
            "b_latency": attempt.latency_ms,
            "b_at": at,
        },
    )


def record_attempt(
    conn: Connection,
    delivery_id: str,
    attempt: Attempt,
    *,
    status: str,
    delivered: datetime | None,
    next_attempt: datetime | None,
) -> None:
    conn.execute(delivery_attempts.insert().values(**_attempt_row(delivery_id, attempt)))
    values: dict[str, Any] = {
        "status": status,
        "attempts": deliveries.c.attempts + 1,
        "response_code": attempt.response_code,
        "latency_ms": attempt.latency_ms,
        "error": attempt.error,
        "next_attempt": next_attempt,
    }
    if delivered is not None:
        values["delivered"] = func.coalesce(deliveries.c.delivered, delivered)
    conn.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(**values))


def mark(
    conn: Connection,
    delivery_id: str,
    *,
    status: str,
    error: str | None = None,
    next_attempt: datetime | None = None,
) -> None:
    conn.execute(
        update(deliveries)
        .where(deliveries.c.id == delivery_id)
        .values(status=status, error=error, next_attempt=next_attempt)
    )


def fail_pending(conn: Connection, destination_ids: list[str], reason: str) -> int:
    """End every pending delivery to `destination_ids` as failed with `reason`."""
    done = conn.execute(
        update(deliveries)
        .where(deliveries.c.destination_id.in_(destination_ids), deliveries.c.status == "pending")
        .values(status="failed", error=reason, next_attempt=None)
    )
    return done.rowcount


def attempts_of(conn: Connection, delivery_id: str) -> list[Attempt]:
    rows = conn.execute(
        select(delivery_attempts)
        .where(delivery_attempts.c.delivery_id == delivery_id)
        .order_by(delivery_attempts.c.id)
    )
    return [
        Attempt(r.attempt, r.started, r.outcome, r.response_code, r.latency_ms, r.error)
        for r in rows
    ]


def deliveries_since(conn: Connection, destination_id: str, since: datetime) -> list[Delivery]:
    rows = conn.execute(
        select(deliveries)
        .where(deliveries.c.destination_id == destination_id, deliveries.c.created >= since)
        .order_by(deliveries.c.created, deliveries.c.id)
    )
    return [_delivery(row) for row in rows]


def _attempt_row(delivery_id: str, attempt: Attempt) -> dict[str, Any]:
    return {
        "delivery_id": delivery_id,
        "attempt": attempt.attempt,
        "started": attempt.started,
        "outcome": attempt.outcome,
        "response_code": attempt.response_code,
        "latency_ms": attempt.latency_ms,
        "error": attempt.error,
    }


def _delivery(row: Any) -> Delivery:
    return Delivery(
        id=row.id,
        destination_id=row.destination_id,
        story_id=row.story_id,
        version=row.version,
        language=row.language,
        status=row.status,
        attempts=row.attempts,
        created=row.created,
        event_seq=row.event_seq,
        response_code=row.response_code,
        latency_ms=row.latency_ms,
        error=row.error,
        delivered=row.delivered,
    )


@dataclass(frozen=True)
class Listed:
    """A delivery with where it went: its subscriber (whose publisher `owner` added it, None for
    the operator's; `removed` once it was removed), its channel and address, and when the
    rendition it carries was released."""

    delivery: Delivery
    subscriber_id: str
    subscriber: str
    owner: str | None
    removed: bool
    channel: str
    address: str
    released: datetime


def list_deliveries(
    conn: Connection,
    *,
    story_id: str | None = None,
    destination_id: str | None = None,
    subscriber_id: str | None = None,
    status: str | None = None,
    publisher: str | None = None,
    limit: int | None = 50,
) -> list[Listed]:
    """Deliveries, newest first, only those of the given story, destination, subscriber and
    status; with `publisher`, only those of its stories or to the subscribers it added (see
    `polywire.accounts.access.list_scope`); `limit` None for all."""
    query = (
        select(
            deliveries,
            subscribers.c.id.label("subscriber_id"),
            subscribers.c.name.label("subscriber_name"),
            subscribers.c.removed.label("subscriber_removed"),
            subscriber_owners.c.publisher.label("owner"),
            destinations.c.address,
        )
        .join(destinations, destinations.c.id == deliveries.c.destination_id)
        .join(subscribers, subscribers.c.id == destinations.c.subscriber_id)
        .outerjoin(subscriber_owners, subscriber_owners.c.subscriber_id == subscribers.c.id)
    )
    for column, wanted in (
        (deliveries.c.story_id, story_id),
        (deliveries.c.destination_id, destination_id),
        (subscribers.c.id, subscriber_id),
        (deliveries.c.status, status),
    ):
        if wanted is not None:
            query = query.where(column == wanted)
    if publisher is not None:
        theirs = select(stories.c.id).where(stories.c.publisher == publisher)
        query = query.where(
            or_(subscriber_owners.c.publisher == publisher, deliveries.c.story_id.in_(theirs))
        )
    query = query.order_by(deliveries.c.created.desc(), deliveries.c.id).limit(limit)
    return [
        Listed(
            _delivery(row),
            row.subscriber_id,
            row.subscriber_name,
            row.owner,
            row.subscriber_removed is not None,
            row.channel,
            row.address,
            row.released,
        )
        for row in conn.execute(query)
    ]
