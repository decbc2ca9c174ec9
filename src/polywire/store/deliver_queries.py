"""Queries of the pull channels and e-mail: released events newest first, WebSub
subscriptions and e-mail unsubscribes."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, select, update

from polywire.domain import Event
from polywire.store.deliver_tables import email_unsubscribes, websub_subscriptions
from polywire.store.tables import events
from polywire.store.types import utcnow


def released_events_before(
    conn: Connection, languages: Collection[str] | None, before: int | None, limit: int
) -> list[Event]:
    """`released` events with `seq < before` (all when None), newest first."""
    query = select(events).where(events.c.type == "released")
    if languages is not None:
        query = query.where(events.c.language.in_(sorted(languages)))
    if before is not None:
        query = query.where(events.c.seq < before)
    rows = conn.execute(query.order_by(events.c.seq.desc()).limit(limit)).all()
    return [
        Event(
            seq=row.seq,
            type=row.type,
            story_id=row.story_id,
            version=row.version,
            language=row.language,
            created=row.created,
            payload=row.payload,
        )
        for row in rows
    ]


# --- WebSub --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WebSubSubscription:
    id: int
    topic: str
    callback: str
    secret: str | None
    lease_seconds: int
    expires: datetime


def save_subscription(
    conn: Connection, topic: str, callback: str, secret: str | None, lease_seconds: int
) -> None:
    """Create or renew the subscription of `callback` to `topic`."""
    now = utcnow()
    values = {
        "secret": secret,
        "lease_seconds": lease_seconds,
        "expires": now + timedelta(seconds=lease_seconds),
    }
    key = (websub_subscriptions.c.topic == topic) & (websub_subscriptions.c.callback == callback)
    if conn.execute(update(websub_subscriptions).where(key).values(**values)).rowcount == 0:
        conn.execute(
            websub_subscriptions.insert().values(
                topic=topic, callback=callback, created=now, **values
            )
        )


def delete_subscription(conn: Connection, topic: str, callback: str) -> bool:
    result = conn.execute(
        delete(websub_subscriptions).where(
            websub_subscriptions.c.topic == topic, websub_subscriptions.c.callback == callback
        )
    )
    return result.rowcount > 0


def active_subscriptions(conn: Connection, topics: Collection[str]) -> list[WebSubSubscription]:
    rows = conn.execute(
        select(websub_subscriptions)
        .where(
            websub_subscriptions.c.topic.in_(sorted(topics)),
            websub_subscriptions.c.expires > utcnow(),
        )
        .order_by(websub_subscriptions.c.id)
    ).all()
    return [_subscription(row) for row in rows]


def get_subscription(conn: Connection, subscription_id: int) -> WebSubSubscription | None:
    row = conn.execute(
        select(websub_subscriptions).where(websub_subscriptions.c.id == subscription_id)
    ).first()
    return _subscription(row) if row is not None else None


def purge_expired_subscriptions(conn: Connection) -> int:
    return conn.execute(
        delete(websub_subscriptions).where(websub_subscriptions.c.expires <= utcnow())
    ).rowcount


def _subscription(row: Any) -> WebSubSubscription:
    return WebSubSubscription(
        id=row.id,
        topic=row.topic,
        callback=row.callback,
        secret=row.secret,
        lease_seconds=row.lease_seconds,
        expires=row.expires,
    )


# --- e-mail unsubscribes -------------------------------------------------------------------


def record_unsubscribe(conn: Connection, address: str, list_id: str, how: str) -> None:
    key = (email_unsubscribes.c.address == address.lower()) & (
        email_unsubscribes.c.list_id == list_id
    )
    if conn.execute(select(email_unsubscribes.c.address).where(key)).first() is None:
        conn.execute(
            email_unsubscribes.insert().values(
                address=address.lower(), list_id=list_id, created=utcnow(), how=how
            )
        )


def unsubscribed(conn: Connection, addresses: Collection[str], list_id: str) -> set[str]:
    """Which of `addresses` (lower-cased) unsubscribed from `list_id`."""
    rows = conn.execute(
        select(email_unsubscribes.c.address).where(
            email_unsubscribes.c.list_id == list_id,
            email_unsubscribes.c.address.in_(sorted({a.lower() for a in addresses})),
        )
    )
    return {row.address for row in rows}
