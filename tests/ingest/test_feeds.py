"""Feeds polled from a server on 127.0.0.1: new entries become stories, changed ones new
versions, unchanged feeds cost a 304, failing feeds are counted and paused."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

import pytest
from helpers import free_port

from ingest.conftest import FeedServer, Route
from polywire.config import Settings
from polywire.domain import BadInput
from polywire.ingest.feeds import FeedPoller, add_feed, resume_feed
from polywire.services import StoryService, Submitted
from polywire.settings.ingest import IngestSettings
from polywire.store import feeds as feed_store
from polywire.wire import Wire

PARAGRAPHS = {
    "harbour": (
        "HALIFAX (Polywire) — The port of Halifax opened a new container terminal on Monday that "
        "doubles its capacity and can take the largest ships now sailing the Atlantic.",
        "The terminal cost 480 million dollars and took four years to build, the port said.",
    ),
    "library": (
        "The city library reopened on Saturday after a two-year renovation that added a rooftop "
        "reading room, a recording studio and a children's wing with 20,000 new books.",
        "More than 3,000 people visited on the first day, the library said.",
    ),
}


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{escape(title)}</title>"
        f"<link>https://news.example/{guid}</link>"
        f"<description>{escape(''.join(f'<p>{p}</p>' for p in PARAGRAPHS[body]))}</description>"
        "<pubDate>Mon, 04 May 2026 09:00:00 GMT</pubDate></item>"
        for guid, title, body in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>https://news.example/</link><language>en</language>{entries}</channel></rss>"
    ).encode()


@pytest.fixture
def wire(database_url: str, tmp_path: Path) -> Iterator[Wire]:
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        ingest=IngestSettings(allow_private_addresses=True, feed_pause_after_errors=2),
    )
    wire = Wire(settings)
    yield wire
    wire.close()


def poller(wire: Wire) -> FeedPoller:
    return FeedPoller(wire.database, partial(StoryService(wire).submit, None), wire.settings.ingest)


async def test_new_changed_and_unchanged_entries(wire: Wire, feed_server: FeedServer) -> None:
    feed_server.routes["/news.rss"] = Route(
        rss([("a1", "Halifax opens a container terminal", "harbour")]), etag='"v1"'
    )
    source = await add_feed(
        wire.database,
        feed_server.url("/news.rss"),
        every_seconds=300,
        publisher="demo",
        settings=wire.settings.ingest,
    )
    [first] = await poller(wire).poll_due()
    assert first.error is None and len(first.new_stories) == 1
    story = StoryService(wire).story(None, first.new_stories[0])
    assert story.versions[0].headline == "Halifax opens a container terminal"
    assert story.versions[0].located == "HALIFAX"
    assert story.versions[0].body[0].startswith("The port of Halifax opened")

    [second] = await poller(wire).poll_all()
    assert second.not_modified
    assert feed_server.requests[-1][1]["if-none-match"] == '"v1"'

    feed_server.routes["/news.rss"] = Route(
        rss(
            [
                ("a1", "Halifax opens a bigger container terminal", "harbour"),
                ("b2", "City library reopens after renovation", "library"),
            ]
        ),
        etag='"v2"',
    )
    [third] = await poller(wire).poll_all()
    assert third.new_versions == first.new_stories
    assert len(third.new_stories) == 1
    updated = StoryService(wire).story(None, first.new_stories[0])
    assert [v.version for v in updated.versions] == [1, 2]
    assert updated.versions[1].headline == "Halifax opens a bigger container terminal"

    feed_server.routes["/news.rss"].etag = None  # no validators: the whole feed comes back
    [fourth] = await poller(wire).poll_all()
    assert fourth.unchanged == 2 and not fourth.new_stories and not fourth.new_versions
    with wire.database.read() as conn:
        assert feed_store.get_source(conn, source.id).errors == 0


async def test_a_failing_feed_is_counted_then_paused_not_dropped(
    wire: Wire, feed_server: FeedServer
) -> None:
    feed_server.routes["/broken"] = Route(rss([("a1", "Halifax opens a terminal", "harbour")]))
    source = await add_feed(
        wire.database,
        feed_server.url("/broken"),
        every_seconds=60,
        publisher="demo",
        settings=wire.settings.ingest,
    )
    feed_server.routes["/broken"] = Route(b"<html><body>Not a feed</body></html>", 200, "text/html")
    [first] = await poller(wire).poll_all()
    assert first.error is not None and "not an RSS, Atom or JSON feed" in first.error
    assert not first.paused
    feed_server.routes["/broken"] = Route(b"", 503)
    [second] = await poller(wire).poll_all()
    assert second.error == "the server answered 503" and second.paused
    assert await poller(wire).poll_all() == []  # paused feeds are not polled
    with wire.database.read() as conn:
        paused = feed_store.get_source(conn, source.id)
    assert paused.paused and paused.errors == 2
    resume_feed(wire.database, source.id)
    feed_server.routes["/broken"] = Route(rss([("c3", "Library reopens", "library")]))
    [third] = await poller(wire).poll_due()
    assert third.error is None and len(third.new_stories) == 1


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (Route(b"<html><body><p>Welcome</p></body></html>", content_type="text/html"), "not an"),
        (Route(b'{"items": []}', content_type="application/json"), "not an RSS, Atom or JSON"),
        (Route(b"", 404), "the server answered 404"),
    ],
)
async def test_adding_what_is_not_a_feed_stores_nothing(
    wire: Wire, feed_server: FeedServer, route: Route, message: str
) -> None:
    feed_server.routes["/page"] = route
    with pytest.raises(BadInput, match=message):
        await add_feed(
            wire.database,
            feed_server.url("/page"),
            every_seconds=60,
            publisher="demo",
            settings=wire.settings.ingest,
        )
    with pytest.raises(BadInput, match="cannot fetch the feed"):
        await add_feed(
            wire.database,
            f"http://127.0.0.1:{free_port()}/feed",
            every_seconds=60,
            publisher="demo",
            settings=wire.settings.ingest,
        )
    with wire.database.read() as conn:
        assert feed_store.list_sources(conn) == []


async def test_atom_and_json_feed(wire: Wire, feed_server: FeedServer) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS["library"])
    feed_server.routes["/atom"] = Route(
        (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
            'xml:lang="en"><title>News</title><id>urn:news</id><updated>2026-05-04T09:00:00Z'
            "</updated><entry><id>urn:news:1</id><title>Library reopens</title>"
            "<updated>2026-05-04T09:00:00Z</updated>"
            f'<content type="html">{escape(body)}</content></entry></feed>'
        ).encode(),
        content_type="application/atom+xml",
    )
    feed_server.routes["/feed.json"] = Route(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "News",
                "language": "en",
                "items": [
                    {
                        "id": "j1",
                        "title": "Halifax opens a container terminal",
                        "content_html": "".join(f"<p>{p}</p>" for p in PARAGRAPHS["harbour"]),
                        "date_published": "2026-05-04T09:00:00Z",
                    }
                ],
            }
        ).encode(),
        content_type="application/feed+json",
    )
    for path in ("/atom", "/feed.json"):
        await add_feed(
            wire.database,
            feed_server.url(path),
            every_seconds=60,
            publisher="demo",
            settings=wire.settings.ingest,
        )
    reports = await poller(wire).poll_all()
    assert [len(r.new_stories) for r in reports] == [1, 1]
    headlines = {
        StoryService(wire).story(None, r.new_stories[0]).versions[0].headline for r in reports
    }
    assert headlines == {"Library reopens", "Halifax opens a container terminal"}


async def test_private_addresses_and_oversized_feeds_are_refused(
    wire: Wire, feed_server: FeedServer
) -> None:
    public_only = IngestSettings()
    with pytest.raises(BadInput, match=r"127\.0\.0\.1 is a loopback address"):
        await add_feed(
            wire.database,
            feed_server.url("/news.rss"),
            every_seconds=60,
            publisher="demo",
            settings=public_only,
        )
    with pytest.raises(BadInput, match="absolute http"):
        await add_feed(
            wire.database, "file:///etc/passwd", every_seconds=60, publisher="demo",
            settings=wire.settings.ingest,
        )  # fmt: skip
    feed_server.routes["/big"] = Route(rss([("a1", "Halifax opens", "harbour")]) * 20)
    feed_server.routes["/hop"] = Route(b"", 302, location=feed_server.url("/big"))
    await add_feed(
        wire.database,
        feed_server.url("/hop"),
        every_seconds=60,
        publisher="demo",
        settings=wire.settings.ingest,
    )
    small = wire.settings.ingest.model_copy(update={"feed_max_bytes": 2048})
    [report] = await FeedPoller(
        wire.database, partial(StoryService(wire).submit, None), small
    ).poll_all()
    assert report.error is not None and "more than 2048" in report.error
    assert [path for path, _ in feed_server.requests[-2:]] == ["/hop", "/big"]  # redirect
    [refused] = await FeedPoller(
        wire.database, partial(StoryService(wire).submit, None), public_only
    ).poll_all()
    assert refused.error is not None and "127.0.0.1 is a loopback address" in refused.error
    assert StoryService(wire).stories(None) == []


def test_feeds_commands(subprocess_env: dict[str, str], feed_server: FeedServer) -> None:
    feed_server.routes["/news.rss"] = Route(rss([("a1", "Halifax opens a terminal", "harbour")]))
    url = feed_server.url("/news.rss")
    refused = polywire(subprocess_env, "feeds", "add", url)
    assert refused.returncode == 2
    assert "refused: 127.0.0.1 is a loopback address; feeds must be public" in refused.stderr
    env = {**subprocess_env, "POLYWIRE_INGEST__ALLOW_PRIVATE_ADDRESSES": "true"}
    added = polywire(env, "feeds", "add", url, "--every", "5m")
    assert added.returncode == 0, added.stderr
    feed_id = added.stdout.strip()
    polled = polywire(env, "feeds", "poll", "--json")
    assert polled.returncode == 0, polled.stderr
    [report] = json.loads(polled.stdout)["polls"]
    assert report["feed"] == feed_id and len(report["new_stories"]) == 1
    listed = json.loads(polywire(env, "feeds", "list", "--json").stdout)["feeds"]
    assert [(f["id"], f["url"], f["every_seconds"], f["paused"]) for f in listed] == [
        (feed_id, url, 300, False)
    ]
    shown = polywire(env, "show", report["new_stories"][0], "--json")
    assert json.loads(shown.stdout)["versions"][0]["headline"] == "Halifax opens a terminal"


def polywire(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


async def test_the_poll_loop_submits_then_stops(wire: Wire, feed_server: FeedServer) -> None:
    feed_server.routes["/news.rss"] = Route(rss([("a1", "Halifax opens a terminal", "harbour")]))
    await add_feed(
        wire.database,
        feed_server.url("/news.rss"),
        every_seconds=60,
        publisher="demo",
        settings=wire.settings.ingest,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def submit_then_stop(data: bytes, **kwargs: Any) -> Submitted:
        submitted = StoryService(wire).submit(None, data, **kwargs)
        loop.call_soon_threadsafe(stop.set)
        return submitted

    await asyncio.wait_for(
        FeedPoller(wire.database, submit_then_stop, wire.settings.ingest).run(stop), timeout=60
    )
    [story] = StoryService(wire).stories(None)
    assert (
        StoryService(wire).story(None, story.id).versions[0].headline == "Halifax opens a terminal"
    )
