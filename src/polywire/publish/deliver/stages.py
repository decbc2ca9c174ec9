"""Fan-out and delivery: the two stages between a released rendition and its subscribers.

    release ──► event log ──► fanout (one job per released rendition)
                                 └──► deliver (one job per destination and attempt)

`FanoutStage` targets the rendition (push channels only: webhook, e-mail; feeds and streams read
the event log), records one pending delivery per destination and enqueues its first `deliver`
job, all in one transaction and keyed, so running it twice changes nothing. A new version — a
correction or a withdrawal — also goes to every destination that got an earlier version.

`DeliverStage` makes one attempt through the destination's channel and records it. A failed
attempt that may be retried enqueues the next attempt as a new job at the time the retry
schedule says (or the receiver's `Retry-After`), so each attempt is durable, a slow or dead
endpoint holds one job slot for at most its timeout, and every other delivery goes on beside it.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from polywire.bus.base import Commit, Lease
from polywire.bus.outbox import enqueue, enqueue_many
from polywire.bus.worker import RetryLater
from polywire.config import Settings
from polywire.domain import Delivery, Destination, Pubstatus, Version
from polywire.publish.deliver.channels.base import Channel, Outcome, Outgoing
from polywire.publish.deliver.delivery_reads import DeliveryReads
from polywire.publish.deliver.notices import enqueue_disabled_notice
from polywire.publish.release.composed_cache import ComposedReleases
from polywire.publish.release.targeting import Target, targets
from polywire.publish.subscribers import PUSH_CHANNELS
from polywire.store import deliveries as records
from polywire.store import stories as store
from polywire.store import subscribers as subscriber_store
from polywire.store.db import Database
from polywire.store.tables import events
from polywire.store.types import utcnow

log = logging.getLogger("polywire.deliver")


def event_type(version: Version) -> str:
    """The webhook event type of a version: what a receiver does with it."""
    if version.pubstatus == Pubstatus.CANCELED:
        return "story.withdrawn"
    if version.correction_reason:
        return "story.corrected"
    return "story.released" if version.version == 1 else "story.updated"


def enqueue_fanout(
    conn: Connection, event_seq: int, story_id: str, version: int, language: str
) -> bool:
    """Enqueue the fan-out of a `released` event (call it in the transaction that appends it)."""
    return enqueue(
        conn,
        FanoutStage.kind,
        FanoutStage.job_key(event_seq),
        {"event_seq": event_seq, "story_id": story_id, "version": version, "language": language},
    )


def enqueue_attempt(
    conn: Connection, delivery: Delivery, *, attempt: int, run_at: float, tag: str = ""
) -> bool:
    return enqueue(
        conn,
        DeliverStage.kind,
        DeliverStage.job_key(
            delivery.destination_id,
            delivery.story_id,
            delivery.version,
            delivery.language,
            attempt,
            tag,
        ),
        {
            "destination_id": delivery.destination_id,
            "story_id": delivery.story_id,
            "version": delivery.version,
            "language": delivery.language,
            "event_seq": delivery.event_seq,
            "attempt": attempt,
        },
        run_at=run_at,
    )


def replay(conn: Connection, delivery: Delivery) -> None:
    """Send a delivery again (same `webhook-id`), whatever became of it before."""
    records.mark(conn, delivery.id, status="pending", error=None, next_attempt=utcnow())
    enqueue_attempt(
        conn,
        delivery,
        attempt=delivery.attempts + 1,
        run_at=utcnow().timestamp(),
        tag=f"replay-{uuid.uuid4().hex[:12]}",
    )


class FanoutStage:
    """kind "fanout", payload {event_seq, story_id, version, language}.

    Reads the version and rendition, targets it, writes pending deliveries and enqueues one
    `deliver` job per destination. Follows a `released` event (see `enqueue_fanout`)."""

    kind = "fanout"

    def __init__(self, database: Database) -> None:
        self.database = database

    @staticmethod
    def job_key(event_seq: int) -> str:
        return f"fanout:{event_seq}"

    async def __call__(self, lease: Lease) -> Commit:
        payload = lease.payload
        story_id, number = str(payload["story_id"]), int(payload["version"])
        language, seq = str(payload["language"]), int(payload["event_seq"])
        found, released = await asyncio.to_thread(self._read, story_id, number, language, seq)

        def commit(conn: Connection) -> None:
            now = utcnow()
            fresh = records.add_pending(
                conn,
                [(t.destination_id, t.channel) for t in found],
                story_id=story_id,
                version=number,
                language=language,
                event_seq=seq,
                released=released or now,
                now=now,
            )
            enqueue_many(
                conn,
                DeliverStage.kind,
                [
                    (
                        DeliverStage.job_key(destination_id, story_id, number, language, 1),
                        {
                            "destination_id": destination_id,
                            "story_id": story_id,
                            "version": number,
                            "language": language,
                            "event_seq": seq,
                            "attempt": 1,
                        },
                    )
                    for destination_id in fresh
                ],
            )
            log.info(
                "story %s v%d %s fanned out to %d destinations (%d new)",
                story_id,
                number,
                language,
                len(found),
                len(fresh),
            )

        return commit

    def _read(
        self, story_id: str, number: int, language: str, seq: int
    ) -> tuple[list[Target], datetime | None]:
        """The push destinations that get the rendition, and when its event was released (in a
        worker thread: the loop also serves the API and the live streams)."""
        with self.database.read() as conn:
            version = store.get_version(conn, story_id, number)
            rendition = store.get_rendition(conn, story_id, number, language)
            found = targets(conn, version, rendition, channels=PUSH_CHANNELS)
            released = conn.execute(
                select(events.c.created).where(events.c.seq == seq)
            ).scalar_one_or_none()
        return found, released


class DeliverStage:
    """kind "deliver", payload {destination_id, story_id, version, language, event_seq, attempt}.

    One attempt through the destination's channel; writes the attempt, the delivery's state and
    the destination's health, and enqueues the next attempt when one is due. `channels` maps a
    channel name to its `Channel` (webhook here; e-mail from its own module)."""

    kind = "deliver"

    def __init__(
        self,
        database: Database,
        settings: Settings,
        channels: Mapping[str, Channel],
        *,
        rng: random.Random | None = None,
    ) -> None:
        self.database = database
        self.settings = settings
        self.channels = dict(channels)
        self.rng = rng or random.Random()
        self.releases = ComposedReleases(settings)
        self.reads = DeliveryReads(database, self.releases)

    @staticmethod
    def job_key(
        destination_id: str, story_id: str, version: int, language: str, attempt: int, tag: str = ""
    ) -> str:
        suffix = f":{tag}" if tag else ""
        return f"deliver:{destination_id}:{story_id}:v{version}:{language}:a{attempt}{suffix}"

    async def __call__(self, lease: Lease) -> Commit:
        payload = lease.payload
        destination_id = str(payload["destination_id"])
        story_id, number = str(payload["story_id"]), int(payload["version"])
        language, attempt = str(payload["language"]), int(payload.get("attempt", 1))
        now = utcnow()
        context = await self.reads.get((destination_id, story_id, number, language), now)
        delivery, state, version = context.delivery, context.state, context.version
        composed = context.composed
        destination = state.destination
        if version.embargoed is not None and version.embargoed > now:
            wait = (version.embargoed - now).total_seconds()
            raise RetryLater(wait, f"embargoed until {version.embargoed.isoformat()}")
        if not destination.enabled:
            reason = f"destination disabled: {state.disabled_reason or 'no reason given'}"
            return lambda conn: records.mark(conn, delivery.id, status="failed", error=reason)
        channel = self.channels.get(destination.channel)
        if channel is None:
            raise RuntimeError(f"no {destination.channel!r} channel in this worker")
        outgoing = Outgoing(
            delivery_id=delivery.id,
            destination=destination,
            composed=composed,
            event_type=event_type(version),
            attempt=attempt,
            sent_at=now,
            secrets=state.secrets if destination.channel == "webhook" else (),
        )
        outcome = await channel.send(outgoing)
        return self._recorder(delivery, destination, attempt, now, outcome)

    def _recorder(
        self,
        delivery: Delivery,
        destination: Destination,
        attempt: int,
        started: datetime,
        outcome: Outcome,
    ) -> Commit:
        webhook = self.settings.publish.webhook
        schedule = webhook.retry_schedule_seconds
        finished = utcnow()

        def commit(conn: Connection) -> None:
            record = records.Attempt(
                attempt=attempt,
                started=started,
                outcome="delivered" if outcome.delivered else "failed",
                response_code=outcome.response_code,
                latency_ms=outcome.latency_ms,
                error=outcome.error,
            )
            if outcome.delivered and outcome.disable is None:
                subscriber_store.record_answered(conn, destination.id)
                records.record_delivered(conn, delivery.id, record, finished)
                return
            failing_since = subscriber_store.record_outcome(
                conn, destination.id, ok=outcome.delivered, now=finished
            )
            disable = outcome.disable
            limit = timedelta(days=webhook.disable_after_days)
            if disable is None and failing_since is not None and finished - failing_since >= limit:
                disable = f"failing since {failing_since.isoformat()} without a success"
            if disable is not None:
                subscriber_store.disable_destination(conn, destination.id, disable)
                enqueue_disabled_notice(conn, destination.id, disable)
                log.warning("destination %s disabled: %s", destination.id, disable)
            if outcome.delivered:
                records.record_attempt(
                    conn,
                    delivery.id,
                    record,
                    status="delivered",
                    delivered=finished,
                    next_attempt=None,
                )
                return
            if outcome.retry and disable is None and attempt < len(schedule):
                delay = self.next_delay(schedule[attempt], outcome.retry_after)
                run_at = finished + timedelta(seconds=delay)
                records.record_attempt(
                    conn, delivery.id, record, status="pending", delivered=None, next_attempt=run_at
                )
                enqueue_attempt(conn, delivery, attempt=attempt + 1, run_at=run_at.timestamp())
                return
            records.record_attempt(
                conn, delivery.id, record, status="failed", delivered=None, next_attempt=None
            )

        return commit

    def next_delay(self, scheduled: float, retry_after: float | None) -> float:
        """Seconds before the next attempt: the receiver's `Retry-After` (capped), else the
        schedule's delay with ± `jitter`, so endpoints failing together do not retry together."""
        webhook = self.settings.publish.webhook
        if retry_after is not None:
            return min(retry_after, webhook.max_retry_after_seconds)
        spread = scheduled * webhook.jitter
        return max(0.0, scheduled + self.rng.uniform(-spread, spread))
