"""Feeds cannot be used to reach the wire's own network: a name is resolved once, checked, and
connected to as checked (no DNS rebinding), and every redirect hop is checked the same way.

The feed server listens on 127.0.0.1; a pretend network (tests/pretend_network.py) makes names
resolve as a test says and lets a public-looking address lead to it, with no packet leaving the
machine."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from pretend_network import PretendNetwork

from ingest.conftest import FeedServer, Route
from ingest.test_feeds import rss
from polywire.config import Settings
from polywire.domain import BadInput
from polywire.ingest.feeds import FeedPoller, add_feed
from polywire.services import StoryService
from polywire.settings.ingest import IngestSettings
from polywire.store import feeds as feed_store
from polywire.wire import Wire

PUBLIC_ONLY = IngestSettings()
PUBLIC = "8.8.8.8"  # looks public; the pretend network leads it to 127.0.0.1


@pytest.fixture
def wire(tmp_path: Path) -> Iterator[Wire]:
    wire = Wire(Settings(data_dir=tmp_path, ingest=PUBLIC_ONLY))
    yield wire
    wire.close()


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> PretendNetwork:
    return PretendNetwork.install(monkeypatch)


def name_url(feed_server: FeedServer, path: str, name: str = "feeds.example") -> str:
    return feed_server.url(path).replace("127.0.0.1", name)


async def test_a_name_for_loopback_is_refused_after_one_lookup(
    wire: Wire, feed_server: FeedServer, network: PretendNetwork
) -> None:
    feed_server.routes["/news.rss"] = Route(rss([("a1", "Halifax opens a terminal", "harbour")]))
    network.names["feeds.example"] = ["127.0.0.1"]
    url = name_url(feed_server, "/news.rss")
    with pytest.raises(BadInput) as refused:
        await add_feed(wire.database, url, every_seconds=60, publisher="demo", settings=PUBLIC_ONLY)
    assert str(refused.value) == (
        f"{url}: refused: 127.0.0.1 is a loopback address; feeds must be public"
    )
    assert network.lookups_of("feeds.example") == 1
    assert feed_server.requests == []
    with wire.database.read() as conn:
        assert feed_store.list_sources(conn) == []


async def test_a_rebinding_name_is_looked_up_once_and_connected_to_as_checked(
    wire: Wire, feed_server: FeedServer, network: PretendNetwork
) -> None:
    """A DNS server that answers a public address to the first lookups (the checks) and
    127.0.0.1 after (the connection): there is one lookup, the connection goes to the checked
    address (which leads nowhere here), and the server on 127.0.0.1 sees nothing."""
    feed_server.routes["/news.rss"] = Route(rss([("a1", "Halifax opens a terminal", "harbour")]))
    network.names["feeds.example"] = [PUBLIC, PUBLIC, "127.0.0.1"]
    url = name_url(feed_server, "/news.rss")
    with pytest.raises(BadInput, match="cannot fetch the feed: cannot connect"):
        await add_feed(wire.database, url, every_seconds=60, publisher="demo", settings=PUBLIC_ONLY)
    assert network.lookups_of("feeds.example") == 1
    assert network.connections == [PUBLIC]
    assert feed_server.requests == []


async def test_a_redirect_to_loopback_is_refused_and_named(
    wire: Wire, feed_server: FeedServer, network: PretendNetwork
) -> None:
    feed_server.routes["/news.rss"] = Route(rss([("a1", "Halifax opens a terminal", "harbour")]))
    feed_server.routes["/moved"] = Route(b"", 301, location=name_url(feed_server, "/news.rss"))
    loopback = feed_server.url("/news.rss")
    feed_server.routes["/inside"] = Route(b"", 302, location=loopback)
    network.names["feeds.example"] = [PUBLIC]
    network.routes.add(PUBLIC)

    # the fixture's first hop is allowed: a redirect to a public name is followed
    moved = name_url(feed_server, "/moved")
    await add_feed(wire.database, moved, every_seconds=60, publisher="demo", settings=PUBLIC_ONLY)
    assert [path for path, _ in feed_server.requests] == ["/moved", "/news.rss"]

    feed_server.requests.clear()
    inside = name_url(feed_server, "/inside")
    with pytest.raises(BadInput) as refused:
        await add_feed(
            wire.database, inside, every_seconds=60, publisher="demo", settings=PUBLIC_ONLY
        )
    assert str(refused.value) == (
        f"{loopback}: refused: 127.0.0.1 is a loopback address; feeds must be public"
    )
    assert [path for path, _ in feed_server.requests] == ["/inside"]

    # a feed that moves inside later: its polls fail, naming the hop, and nothing is fetched
    feed_server.routes["/moved"] = Route(b"", 302, location=loopback)
    feed_server.requests.clear()
    [report] = await FeedPoller(
        wire.database, partial(StoryService(wire).submit, None), PUBLIC_ONLY
    ).poll_all()
    assert report.error == (
        f"{loopback}: refused: 127.0.0.1 is a loopback address; feeds must be public"
    )
    assert [path for path, _ in feed_server.requests] == ["/moved"]
    assert StoryService(wire).stories(None) == []


async def test_private_addresses_when_allowed_but_never_link_local(
    wire: Wire, feed_server: FeedServer, network: PretendNetwork
) -> None:
    feed_server.routes["/news.rss"] = Route(rss([("a1", "Halifax opens a terminal", "harbour")]))
    intranet = IngestSettings(allow_private_addresses=True)
    network.names["metadata.example"] = ["169.254.169.254"]
    url = name_url(feed_server, "/news.rss", "metadata.example")
    with pytest.raises(BadInput, match=r"169\.254\.169\.254 is a link-local address"):
        await add_feed(wire.database, url, every_seconds=60, publisher="demo", settings=intranet)
    network.names["6to4.example"] = ["2002:a9fe:a9fe::1"]
    url = name_url(feed_server, "/news.rss", "6to4.example")
    with pytest.raises(BadInput, match=r"a 6to4 address embedding 169\.254\.169\.254"):
        await add_feed(wire.database, url, every_seconds=60, publisher="demo", settings=intranet)
    assert feed_server.requests == []
    local = feed_server.url("/news.rss")
    await add_feed(wire.database, local, every_seconds=60, publisher="demo", settings=intranet)
    assert [path for path, _ in feed_server.requests] == ["/news.rss"]


async def test_a_feed_over_the_cap_is_an_error_not_cut(wire: Wire, feed_server: FeedServer) -> None:
    feed_server.routes["/big"] = Route(rss([("a1", "Halifax opens", "harbour")]) * 20)
    small = IngestSettings(allow_private_addresses=True, feed_max_bytes=2048)
    with pytest.raises(BadInput, match="the feed is more than 2048 bytes"):
        await add_feed(
            wire.database, feed_server.url("/big"), every_seconds=60, publisher="demo",
            settings=small,
        )  # fmt: skip
