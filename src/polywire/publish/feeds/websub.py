"""A WebSub hub (W3C Recommendation) for the wire's feeds: the topics are the feed URLs.

Three durable jobs, wired after the hub's HTTP endpoint and the release stage:

- `websub-verify` (`WebSubVerifyStage`): a subscribe/unsubscribe request, checked by asking the
  callback (`GET ?hub.mode&hub.topic&hub.challenge&hub.lease_seconds`); only a 2xx answer that
  echoes the challenge creates, renews or removes the subscription.
- `websub` (`WebSubStage`): one released event; enqueues one `websub-push` per active
  subscription to the feeds the event appears in, and purges expired leases.
- `websub-push` (`WebSubPushStage`): POSTs the topic's current feed (the same composed entries
  as the feed's URL serves) to one callback, signed with
  `X-Hub-Signature: sha256=<HMAC of the body with hub.secret>`; a 2xx is done, a 410 ends the
  subscription, anything else is retried with the queue's backoff.

Every request goes out through the guarded client: callbacks are addresses users give us,
resolved once and checked, redirects never followed. A callback that resolves to an address the
wire must not reach (loopback, a private network, …) is not retried: its verification is not
confirmed, its push is dropped (and logged); the lease ends the subscription in time.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from sqlalchemy import Connection

from polywire.bus.base import Commit, EventLog, Lease
from polywire.bus.outbox import enqueue
from polywire.config import Settings
from polywire.domain import BadInput, NotFound
from polywire.net.guarded import BlockedAddress, GuardedClient
from polywire.publish.feeds.cache import render_feed
from polywire.publish.feeds.catalog import feed_for_topic, topics_for
from polywire.publish.release.composed_cache import ComposedReleases
from polywire.settings.deliver import DeliverSettings
from polywire.store import deliver_queries as queries
from polywire.store.db import Database

log = logging.getLogger("polywire.websub")

MODES = ("subscribe", "unsubscribe")


@dataclass(frozen=True)
class HubRequest:
    """A subscriber's `hub.*` form, checked."""

    mode: str
    topic: str
    callback: str
    lease_seconds: int
    secret: str | None

    def to_payload(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "topic": self.topic,
            "callback": self.callback,
            "lease_seconds": self.lease_seconds,
            "secret": self.secret,
        }


def parse_hub_request(form: dict[str, str], settings: DeliverSettings, brand: str) -> HubRequest:
    """Check a `hub.*` form; BadInput names the field and the problem."""
    mode = form.get("hub.mode", "")
    if mode not in MODES:
        raise BadInput("hub.mode", f"{mode!r}: must be subscribe or unsubscribe", status=400)
    topic = form.get("hub.topic", "")
    feed_for_topic(settings.public_url, brand, topic)
    callback = form.get("hub.callback", "")
    parts = urlsplit(callback)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput("hub.callback", f"{callback!r}: must be an http(s) URL", status=400)
    lease = form.get("hub.lease_seconds") or str(settings.websub_lease_seconds)
    if not (lease.isascii() and lease.isdigit()):
        raise BadInput("hub.lease_seconds", f"{lease!r}: must be a number of seconds", status=400)
    lease_seconds = max(60, min(int(lease), settings.websub_max_lease_seconds))
    secret = form.get("hub.secret") or None
    if secret is not None and len(secret.encode()) >= 200:
        raise BadInput("hub.secret", "must be shorter than 200 bytes", status=400)
    return HubRequest(mode, topic, callback, lease_seconds, secret)


def enqueue_verification(conn: Connection, request: HubRequest) -> None:
    enqueue(
        conn,
        WebSubVerifyStage.kind,
        f"websub-verify:{secrets.token_hex(12)}",
        request.to_payload(),
        max_attempts=3,
    )


def enqueue_distribution(conn: Connection, seq: int) -> None:
    """Announce released event `seq` to the hub's subscribers (call after the append)."""
    enqueue(conn, WebSubStage.kind, WebSubStage.job_key(seq), {"seq": seq})


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, urlencode(params)]))
    return urlunsplit(parts._replace(query=query))


class WebSubVerifyStage:
    """Intent verification: payload = a `HubRequest` (mode, topic, callback, lease, secret)."""

    kind = "websub-verify"

    def __init__(self, database: Database, client: GuardedClient) -> None:
        self.database = database
        self.client = client

    async def __call__(self, lease: Lease) -> Commit:
        request = HubRequest(**lease.payload)
        challenge = secrets.token_urlsafe(24)
        params = {"hub.mode": request.mode, "hub.topic": request.topic, "hub.challenge": challenge}
        if request.mode == "subscribe":
            params["hub.lease_seconds"] = str(request.lease_seconds)
        try:
            answer = await self.client.get(_with_query(request.callback, params))
        except BlockedAddress as error:
            log.warning("%s of %s not verified: %s", request.mode, request.callback, error.problem)
            return _nothing
        confirmed = 200 <= answer.status < 300 and answer.body.decode(errors="replace") == challenge
        if not confirmed:
            log.info("%s of %s to %s not confirmed", request.mode, request.callback, request.topic)

        def commit(conn: Connection) -> None:
            if not confirmed:
                return
            if request.mode == "subscribe":
                queries.save_subscription(
                    conn, request.topic, request.callback, request.secret, request.lease_seconds
                )
            else:
                queries.delete_subscription(conn, request.topic, request.callback)

        return commit


class WebSubStage:
    """Distribution of one released event: payload `{"seq": n}`; follows the event's append."""

    kind = "websub"

    def __init__(self, database: Database, events: EventLog, settings: DeliverSettings) -> None:
        self.database = database
        self.events = events
        self.settings = settings

    @staticmethod
    def job_key(seq: int) -> str:
        return f"websub:{seq}"

    async def __call__(self, lease: Lease) -> Commit:
        seq = int(lease.payload["seq"])
        found = await asyncio.to_thread(self.events.read, seq - 1, 1)
        if not found or found[0].seq != seq:
            raise NotFound(f"event {seq}: not on the log")
        event = found[0]
        topics = topics_for(
            self.settings.public_url, event.language or "", event.payload.get("sectors") or []
        )

        def commit(conn: Connection) -> None:
            queries.purge_expired_subscriptions(conn)
            for subscription in queries.active_subscriptions(conn, topics):
                enqueue(
                    conn,
                    WebSubPushStage.kind,
                    f"websub-push:{seq}:{subscription.id}",
                    {"seq": seq, "subscription": subscription.id},
                )

        return commit


class WebSubPushStage:
    """Content distribution to one subscriber: payload `{"seq": n, "subscription": id}`."""

    kind = "websub-push"

    def __init__(self, database: Database, client: GuardedClient, settings: Settings) -> None:
        self.database = database
        self.client = client
        self.settings = settings
        self.releases = ComposedReleases(settings)

    async def __call__(self, lease: Lease) -> Commit:
        subscription_id = int(lease.payload["subscription"])
        subscription = await asyncio.to_thread(self._subscription, subscription_id)
        if subscription is None:
            return _nothing
        public_url = self.settings.deliver.public_url
        feed = feed_for_topic(public_url, self.settings.brand.name, subscription.topic)
        rendered = await asyncio.to_thread(
            render_feed, self.database, self.settings, feed, self.releases
        )
        base = public_url.rstrip("/")
        headers = {
            "content-type": rendered.media_type,
            "link": f'<{base}/websub>; rel="hub", <{subscription.topic}>; rel="self"',
        }
        if subscription.secret:
            headers["x-hub-signature"] = signature(subscription.secret, rendered.body)
        try:
            answer = await self.client.post(subscription.callback, rendered.body, headers)
        except BlockedAddress as error:
            log.warning("push to %s dropped: %s", subscription.callback, error.problem)
            return _nothing
        if answer.status == 410:
            log.info("%s is gone: its subscription ends", subscription.callback)

            def unsubscribe(conn: Connection) -> None:
                queries.delete_subscription(conn, subscription.topic, subscription.callback)

            return unsubscribe
        if not 200 <= answer.status < 300:
            raise RuntimeError(f"{subscription.callback} answered {answer.status}")
        return _nothing

    def _subscription(self, subscription_id: int) -> queries.WebSubSubscription | None:
        """In a worker thread: the loop also serves the API and the live streams."""
        with self.database.read() as conn:
            return queries.get_subscription(conn, subscription_id)


def _nothing(conn: Connection) -> None:
    """A job whose effect was outside the store (a request sent)."""
