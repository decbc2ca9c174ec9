"""Queries for subscribers, their destinations and the targeting index."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, update

from polywire.domain import Destination, NotFound, Subscriber
from polywire.store import deliveries as records
from polywire.store import group_writes
from polywire.store.account_tables import subscriber_owners
from polywire.store.db import in_batches
from polywire.store.job_admin import discard_queued
from polywire.store.publish_tables import destinations, subscriber_filters, subscribers
from polywire.store.types import utcnow
from polywire.subscriptions import (
    DestinationSpec,
    SubscriberEdit,
    SubscriberSpec,
    edited,
    filter_rows,
    new_token,
    new_webhook_secret,
    token_hash,
)

#: Why deliveries to a removed destination ended (and why it is disabled).
DESTINATION_REMOVED = "destination removed"


@dataclass(frozen=True)
class DestinationState:
    """A destination as a delivery needs it: whether it is enabled and why not, and the secrets
    a webhook is signed with now (the current one first; during a rotation also the old one)."""

    destination: Destination
    disabled_reason: str | None
    secrets: tuple[str, ...]


def add_subscriber(conn: Connection, spec: SubscriberSpec) -> tuple[Subscriber, str]:
    """Store a normalised subscriber; returns it and its token (the token is not stored)."""
    subscriber_id = uuid.uuid4().hex
    token = new_token()
    now = utcnow()
    conn.execute(
        subscribers.insert().values(
            id=subscriber_id,
            name=spec.name,
            kind=spec.kind,
            token_hash=token_hash(token),
            languages=spec.languages,
            sectors=spec.sectors,
            topics=spec.topics,
            regions=spec.regions,
            keywords=spec.keywords,
            created=now,
        )
    )
    _index(conn, subscriber_id, spec)
    _add_destinations(conn, subscriber_id, spec.destinations, first_position=0)
    return get_subscriber(conn, subscriber_id), token


def edit_subscriber(
    conn: Connection, subscriber_id: str, edit: SubscriberEdit
) -> tuple[Subscriber, list[str]]:
    """Change what a subscriber asks for, add and remove destinations; its rows of the targeting
    index are rebuilt in the same transaction, so the next fan-out sees the change. Returns it
    and the ids of the added destinations (whose webhook secrets are to be shown once).

    A removed destination is kept (its deliveries stay in the reports) but never targeted again,
    and what was still pending for it ends as failed, "destination removed"."""
    # Lock the row first: two edits at once apply one after the other, none undoing the other.
    conn.execute(
        select(subscribers.c.id)
        .where(subscribers.c.id == subscriber_id, subscribers.c.removed.is_(None))
        .with_for_update()
    )
    current = get_subscriber(conn, subscriber_id)
    spec = edited(current, edit)
    conn.execute(
        update(subscribers)
        .where(subscribers.c.id == subscriber_id)
        .values(
            name=spec.name,
            kind=spec.kind,
            languages=spec.languages,
            sectors=spec.sectors,
            topics=spec.topics,
            regions=spec.regions,
            keywords=spec.keywords,
        )
    )
    conn.execute(
        delete(subscriber_filters).where(subscriber_filters.c.subscriber_id == subscriber_id)
    )
    _index(conn, subscriber_id, spec)
    _remove_destinations(conn, edit.remove_destinations)
    last: int | None = conn.execute(
        select(func.max(destinations.c.position)).where(
            destinations.c.subscriber_id == subscriber_id
        )
    ).scalar_one()
    added = _add_destinations(
        conn, subscriber_id, edit.add_destinations, first_position=0 if last is None else last + 1
    )
    return get_subscriber(conn, subscriber_id), added


def _remove_destinations(conn: Connection, destination_ids: list[str]) -> None:
    if not destination_ids:
        return
    conn.execute(
        update(destinations)
        .where(destinations.c.id.in_(destination_ids))
        .values(removed=utcnow(), enabled=False, disabled_reason=DESTINATION_REMOVED)
    )
    records.fail_pending(conn, destination_ids, DESTINATION_REMOVED)
    for destination_id in destination_ids:
        # The delivery jobs still queued for it: DeliverStage.job_key starts with these.
        discard_queued(conn, f"deliver:{destination_id}:", DESTINATION_REMOVED)


def _index(conn: Connection, subscriber_id: str, spec: SubscriberSpec) -> None:
    conn.execute(
        subscriber_filters.insert(),
        [
            {"facet": facet, "value": value, "subscriber_id": subscriber_id}
            for facet, value in filter_rows(spec)
        ],
    )


def _add_destinations(
    conn: Connection, subscriber_id: str, specs: list[DestinationSpec], *, first_position: int
) -> list[str]:
    now = utcnow()
    added = []
    for position, destination in enumerate(specs, start=first_position):
        added.append(uuid.uuid4().hex)
        conn.execute(
            destinations.insert().values(
                id=added[-1],
                position=position,
                subscriber_id=subscriber_id,
                channel=destination.channel,
                format=destination.format,
                address=destination.address,
                secret=new_webhook_secret() if destination.channel == "webhook" else None,
                enabled=True,
                created=now,
            )
        )
    return added


def get_subscriber(conn: Connection, subscriber_id: str) -> Subscriber:
    row = conn.execute(
        select(subscribers).where(
            subscribers.c.id == subscriber_id, subscribers.c.removed.is_(None)
        )
    ).first()
    if row is None:
        raise NotFound(f"subscriber {subscriber_id!r}: no such subscriber")
    return _subscriber(row, _destinations_of(conn, [subscriber_id]))


def subscriber_by_token(conn: Connection, token: str) -> Subscriber | None:
    """The subscriber a feed or stream token belongs to (for the feed and stream endpoints)."""
    row = conn.execute(
        select(subscribers).where(
            subscribers.c.token_hash == token_hash(token), subscribers.c.removed.is_(None)
        )
    ).first()
    return _subscriber(row, _destinations_of(conn, [row.id])) if row is not None else None


def subscribers_by_token_hashes(conn: Connection, hashes: Iterable[str]) -> dict[str, Subscriber]:
    """The live subscribers whose tokens hash to `hashes`, by token hash (the open streams'
    periodic re-check: one call for all of them). Hashes of no live subscriber are left out.
    Queried `IN_LIMIT` hashes at a time (`in_batches`)."""
    wanted = list(dict.fromkeys(hashes))
    found: dict[str, Subscriber] = {}
    for batch in in_batches(wanted):
        rows = conn.execute(
            select(subscribers).where(
                subscribers.c.token_hash.in_(batch),
                subscribers.c.removed.is_(None),
            )
        ).all()
        destinations_found = _destinations_of(conn, [row.id for row in rows])
        found.update((row.token_hash, _subscriber(row, destinations_found)) for row in rows)
    return found


def list_subscribers(
    conn: Connection, *, publisher: str | None = None, limit: int = 100, offset: int = 0
) -> list[Subscriber]:
    """Subscribers in the order they were added; only those `publisher` owns when given (see
    `polywire.accounts.access.list_scope`)."""
    query = select(subscribers).where(subscribers.c.removed.is_(None))
    if publisher is not None:
        owned = select(subscriber_owners.c.subscriber_id).where(
            subscriber_owners.c.publisher == publisher
        )
        query = query.where(subscribers.c.id.in_(owned))
    rows = conn.execute(
        query.order_by(subscribers.c.created, subscribers.c.id).limit(limit).offset(offset)
    ).all()
    found = _destinations_of(conn, [row.id for row in rows])
    return [_subscriber(row, found) for row in rows]


def remove_subscriber(conn: Connection, subscriber_id: str) -> None:
    """Stop sending to a subscriber; its delivery history stays for the reports."""
    get_subscriber(conn, subscriber_id)
    conn.execute(
        delete(subscriber_filters).where(subscriber_filters.c.subscriber_id == subscriber_id)
    )
    conn.execute(
        update(destinations)
        .where(destinations.c.subscriber_id == subscriber_id, destinations.c.removed.is_(None))
        .values(enabled=False, disabled_reason="subscriber removed")
    )
    conn.execute(
        update(subscribers).where(subscribers.c.id == subscriber_id).values(removed=utcnow())
    )


def pause_subscriber(conn: Connection, subscriber_id: str, paused: bool) -> Subscriber:
    """Pause a subscriber (it is not targeted until resumed: nothing is queued for it meanwhile,
    and what it missed is not sent later) or resume it."""
    get_subscriber(conn, subscriber_id)
    conn.execute(
        update(subscribers)
        .where(subscribers.c.id == subscriber_id)
        .values(paused=utcnow() if paused else None)
    )
    return get_subscriber(conn, subscriber_id)


def get_destination(conn: Connection, destination_id: str) -> Destination:
    row = conn.execute(select(destinations).where(destinations.c.id == destination_id)).first()
    if row is None:
        raise NotFound(f"destination {destination_id!r}: no such destination")
    return _destination(row)


def destination_state(conn: Connection, destination_id: str, now: datetime) -> DestinationState:
    found = destination_states(conn, [destination_id], now)
    if destination_id not in found:
        raise NotFound(f"destination {destination_id!r}: no such destination")
    return found[destination_id]


def destination_states(
    conn: Connection, destination_ids: list[str], now: datetime
) -> dict[str, DestinationState]:
    """The state of each destination in `destination_ids` that exists."""
    unique = list(dict.fromkeys(destination_ids))
    found: dict[str, DestinationState] = {}
    for batch in in_batches(unique):
        for row in conn.execute(select(destinations).where(destinations.c.id.in_(batch))):
            secrets = [row.secret]
            if (
                row.previous_secret
                and row.previous_secret_until
                and row.previous_secret_until > now
            ):
                secrets.append(row.previous_secret)
            found[row.id] = DestinationState(
                _destination(row), row.disabled_reason, tuple(s for s in secrets if s)
            )
    return found


def rotate_secret(conn: Connection, destination_id: str, overlap: timedelta) -> str:
    """A new signing secret; the old one keeps signing (a second signature) for `overlap`."""
    destination = get_destination(conn, destination_id)
    if destination.channel != "webhook":
        raise NotFound(f"destination {destination_id!r}: only webhooks have signing secrets")
    if destination.removed is not None:
        raise NotFound(f"destination {destination_id!r}: removed, it signs nothing any more")
    secret = new_webhook_secret()
    conn.execute(
        update(destinations)
        .where(destinations.c.id == destination_id)
        .values(
            secret=secret,
            previous_secret=destination.secret,
            previous_secret_until=utcnow() + overlap,
        )
    )
    return secret


def disable_destination(conn: Connection, destination_id: str, reason: str) -> None:
    conn.execute(
        update(destinations)
        .where(destinations.c.id == destination_id)
        .values(enabled=False, disabled_reason=reason)
    )


#: A destination answered: it is not failing (any more). Grouped, see `group_writes`.
_ANSWERED = (
    update(destinations)
    .where(destinations.c.id == bindparam("b_id"), destinations.c.failing_since.is_not(None))
    .values(failing_since=None)
)


def record_answered(conn: Connection, destination_id: str) -> None:
    """The destination answered an attempt with success (grouped, see `group_writes`)."""
    group_writes.write(conn, _ANSWERED, {"b_id": destination_id})


def record_outcome(
    conn: Connection, destination_id: str, *, ok: bool, now: datetime
) -> datetime | None:
    """Track since when an endpoint fails; returns that time (None once it answers again)."""
    group_writes.flush(conn)  # what this reads may wait in the group
    if ok:
        conn.execute(_ANSWERED, {"b_id": destination_id})
        return None
    conn.execute(
        update(destinations)
        .where(destinations.c.id == destination_id, destinations.c.failing_since.is_(None))
        .values(failing_since=now)
    )
    since: datetime | None = conn.execute(
        select(destinations.c.failing_since).where(destinations.c.id == destination_id)
    ).scalar_one()
    return since


def _destinations_of(conn: Connection, subscriber_ids: list[str]) -> dict[str, list[Destination]]:
    found: dict[str, list[Destination]] = {i: [] for i in subscriber_ids}
    if not subscriber_ids:
        return found
    rows = conn.execute(
        select(destinations)
        .where(destinations.c.subscriber_id.in_(subscriber_ids), destinations.c.removed.is_(None))
        .order_by(destinations.c.subscriber_id, destinations.c.position)
    )
    for row in rows:
        found[row.subscriber_id].append(_destination(row))
    return found


def _subscriber(row: Any, found: dict[str, list[Destination]]) -> Subscriber:
    return Subscriber(
        id=row.id,
        name=row.name,
        kind=row.kind,
        languages=list(row.languages),
        sectors=list(row.sectors),
        topics=list(row.topics),
        regions=list(row.regions),
        keywords=list(row.keywords),
        destinations=found.get(row.id, []),
        paused=row.paused,
    )


def _destination(row: Any) -> Destination:
    return Destination(
        id=row.id,
        subscriber_id=row.subscriber_id,
        channel=row.channel,
        format=row.format,
        address=row.address,
        secret=row.secret,
        enabled=row.enabled,
        removed=row.removed,
    )
