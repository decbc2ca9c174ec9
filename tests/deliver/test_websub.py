"""The WebSub hub with a real subscriber on 127.0.0.1: intent verification, leases, signed
content distribution, unsubscribing, a gone subscriber, bad requests."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta

import feedparser
import httpx
import pytest
from sqlalchemy import update
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from deliver.conftest import release, serve
from polywire.bus.worker import Worker
from polywire.store.deliver_queries import active_subscriptions
from polywire.store.deliver_tables import websub_subscriptions
from polywire.store.types import utcnow
from polywire.wire import Wire

TOPIC = "http://wire.test/feeds/en/energy.atom"


@dataclass
class Subscriber:
    """A WebSub subscriber: confirms intents it expects, records what the hub pushes."""

    url: str = ""
    confirm: bool = True
    push_status: int = 200
    verifications: list[dict[str, str]] = field(default_factory=list)
    pushes: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    async def callback(self, request: Request) -> Response:
        if request.method == "GET":
            params = dict(request.query_params)
            self.verifications.append(params)
            if not self.confirm:
                return Response("no thanks", status_code=404)
            return Response(params["hub.challenge"], media_type="text/plain")
        self.pushes.append((dict(request.headers), await request.body()))
        return Response(status_code=self.push_status)


@pytest.fixture
async def subscriber() -> AsyncIterator[Subscriber]:
    found = Subscriber()
    app = Starlette(routes=[Route("/cb", found.callback, methods=["GET", "POST"])])
    async with serve(app) as url:
        found.url = f"{url}/cb?id=7"
        yield found


@pytest.fixture
def hub_worker(wire: Wire) -> Worker:
    """The wire's own worker: the pipeline runs the hub's jobs after each release."""
    return wire.worker()


async def subscribe(
    client: httpx.AsyncClient, subscriber: Subscriber, mode: str = "subscribe", **more: str
) -> None:
    form = {"hub.mode": mode, "hub.topic": TOPIC, "hub.callback": subscriber.url, **more}
    response = await client.post("/websub", data=form)
    assert response.status_code == 202, response.text


async def release_and_distribute(wire: Wire, worker: Worker, name: str, sectors: list[str]) -> None:
    await release(wire, name, sectors)
    await worker.run_until_idle()


async def test_verified_subscription_gets_signed_feed_updates(
    wire: Wire, client: httpx.AsyncClient, subscriber: Subscriber, hub_worker: Worker
) -> None:
    await subscribe(client, subscriber, **{"hub.secret": "shh", "hub.lease_seconds": "3600"})
    assert subscriber.verifications == []  # verified later, by a job
    await hub_worker.run_until_idle()
    [verification] = subscriber.verifications
    assert verification["hub.mode"] == "subscribe"
    assert verification["hub.topic"] == TOPIC
    assert verification["hub.lease_seconds"] == "3600"
    assert verification["id"] == "7"  # the callback's own query is kept
    with wire.database.read() as conn:
        [active] = active_subscriptions(conn, [TOPIC])
    assert timedelta(seconds=3590) < active.expires - utcnow() <= timedelta(seconds=3600)

    await release_and_distribute(wire, hub_worker, "rail", ["Transport"])
    assert subscriber.pushes == []  # not in the energy feed
    await release_and_distribute(wire, hub_worker, "solar", ["Energy"])
    [(headers, body)] = subscriber.pushes
    expected = hmac.new(b"shh", body, hashlib.sha256).hexdigest()
    assert headers["x-hub-signature"] == f"sha256={expected}"
    assert headers["content-type"].startswith("application/atom+xml")
    assert f'<{TOPIC}>; rel="self"' in headers["link"]
    feed = feedparser.parse(body)
    assert [e.title for e in feed.entries] == ["Harbor Valley opens a community solar farm"]
    content = feed.entries[0].content[0].value
    assert "Source: demo" in content and "About Polywire:" in content  # the composed release


async def test_unconfirmed_intent_creates_nothing(
    wire: Wire, client: httpx.AsyncClient, subscriber: Subscriber, hub_worker: Worker
) -> None:
    subscriber.confirm = False
    await subscribe(client, subscriber)
    await hub_worker.run_until_idle()
    assert len(subscriber.verifications) == 1
    with wire.database.read() as conn:
        assert active_subscriptions(conn, [TOPIC]) == []


async def test_unsubscribe_and_expired_leases_stop_distribution(
    wire: Wire, client: httpx.AsyncClient, subscriber: Subscriber, hub_worker: Worker
) -> None:
    await subscribe(client, subscriber)
    await hub_worker.run_until_idle()
    await subscribe(client, subscriber, mode="unsubscribe")
    await hub_worker.run_until_idle()
    assert subscriber.verifications[-1]["hub.mode"] == "unsubscribe"
    assert "hub.lease_seconds" not in subscriber.verifications[-1]
    await release_and_distribute(wire, hub_worker, "solar", ["Energy"])
    assert subscriber.pushes == []

    await subscribe(client, subscriber)
    await hub_worker.run_until_idle()
    with wire.database.write() as conn:
        conn.execute(update(websub_subscriptions).values(expires=utcnow() - timedelta(seconds=1)))
    await release_and_distribute(wire, hub_worker, "rail", ["Energy"])
    assert subscriber.pushes == []
    with wire.database.read() as conn:
        assert conn.execute(websub_subscriptions.select()).all() == []  # purged


async def test_a_gone_subscriber_is_unsubscribed(
    wire: Wire, client: httpx.AsyncClient, subscriber: Subscriber, hub_worker: Worker
) -> None:
    subscriber.push_status = 410
    await subscribe(client, subscriber)
    await hub_worker.run_until_idle()
    await release_and_distribute(wire, hub_worker, "solar", ["Energy"])
    assert len(subscriber.pushes) == 1
    with wire.database.read() as conn:
        assert active_subscriptions(conn, [TOPIC]) == []


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"hub.mode": "follow"}, "hub.mode: 'follow': must be subscribe or unsubscribe"),
        (
            {"hub.topic": "http://elsewhere.test/feed.xml"},
            "hub.topic: 'http://elsewhere.test/feed.xml' is not a feed of this wire",
        ),
        (
            {"hub.topic": "http://wire.test/feeds/en/all.xml"},
            "hub.topic: 'all.xml': a feed ends in .rss, .atom or .json",
        ),
        (
            {"hub.callback": "ftp://x.test/"},
            "hub.callback: 'ftp://x.test/': must be an http(s) URL",
        ),
        ({"hub.lease_seconds": "soon"}, "hub.lease_seconds: 'soon': must be a number of seconds"),
    ],
)
async def test_bad_hub_requests_are_refused_with_the_field_named(
    client: httpx.AsyncClient, form: dict[str, str], message: str
) -> None:
    good = {"hub.mode": "subscribe", "hub.topic": TOPIC, "hub.callback": "http://sub.test/cb"}
    response = await client.post("/websub", data={**good, **form})
    assert response.status_code == 400
    assert response.json()["detail"].startswith(message)


def test_topics_of_a_release_are_feeds_the_hub_accepts() -> None:
    from polywire.publish.feeds.catalog import feed_for_topic, topics_for

    base = "https://news.example.org/wire"
    topics = topics_for(base, "pt-BR", ["Energy & Utilities", "Energy & Utilities"])
    assert topics == [
        f"{base}/feeds/pt-BR/{name}.{kind}"
        for name in ("all", "energy-utilities")
        for kind in ("rss", "atom", "json")
    ]
    feed = feed_for_topic(base, "Polywire", topics[4])
    assert feed.self_path == "/feeds/pt-BR/energy-utilities.atom"
    assert feed.selection.wants("pt-BR", ["Energy & Utilities"])
    assert not feed.selection.wants("pt-BR", ["Transport"])
    assert feed.title == "Polywire · português (Brasil) · energy-utilities"


async def test_callbacks_on_refused_addresses_are_dropped_not_retried(
    wire: Wire, subscriber: Subscriber
) -> None:
    """A callback on loopback (or a private network) when the wire may not reach it: the
    verification is not confirmed and a push is dropped, neither raises for a retry, and the
    callback gets no request."""
    from polywire.bus.base import Lease
    from polywire.net import GuardedClient
    from polywire.publish.feeds.websub import HubRequest, WebSubPushStage, WebSubVerifyStage
    from polywire.store.deliver_queries import save_subscription

    intent = HubRequest("subscribe", TOPIC, subscriber.url, 3600, None).to_payload()
    async with GuardedClient() as public_only:
        verify = WebSubVerifyStage(wire.database, public_only)
        commit = await verify(Lease(1, verify.kind, "v", intent, 1, "t", 0.0))
        with wire.database.write() as conn:
            commit(conn)
            assert active_subscriptions(conn, [TOPIC]) == []
            save_subscription(conn, TOPIC, subscriber.url, None, 3600)
            [subscription] = active_subscriptions(conn, [TOPIC])
        push = WebSubPushStage(wire.database, public_only, wire.settings)
        payload = {"seq": 1, "subscription": subscription.id}
        commit = await push(Lease(2, push.kind, "p", payload, 1, "t", 0.0))
    with wire.database.write() as conn:
        commit(conn)
        assert active_subscriptions(conn, [TOPIC]) == [subscription]
    assert subscriber.verifications == [] and subscriber.pushes == []
