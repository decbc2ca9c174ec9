"""Feeds over HTTP, read back with feedparser: per language × sector, per token, conditional
GET with strong ETags and Last-Modified, and a release showing up at once."""

from __future__ import annotations

import asyncio
import json
from email.utils import parsedate_to_datetime

import feedparser
import httpx

from deliver.conftest import add_desk, release
from polywire.web.live import live_for
from polywire.wire import Wire


async def test_rss_atom_and_json_feed_per_language_and_sector(
    wire: Wire, client: httpx.AsyncClient
) -> None:
    solar = await release(wire, "solar", ["Energy"])
    rail = await release(wire, "rail", ["Transport", "Labour"])

    for kind in ("rss", "atom"):
        response = await client.get(f"/feeds/en/all.{kind}")
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(f"application/{kind}+xml")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.bozo_exception
        assert [e.title for e in parsed.entries] == [
            "Rail workers call a two-day strike",
            "Harbor Valley opens a community solar farm",
        ]
        assert parsed.entries[1].link == f"http://wire.test/v1/stories/{solar}/ninjs?lang=en"
        assert "7,800 homes" in parsed.entries[1].content[0].value
        assert parsed.feed.title == "Polywire · English"

    energy = feedparser.parse((await client.get("/feeds/en/energy.atom")).content)
    assert [e.title for e in energy.entries] == ["Harbor Valley opens a community solar farm"]
    assert {"rel": "hub", "href": "http://wire.test/websub"} in [
        {"rel": link.rel, "href": link.href} for link in energy.feed.links
    ]
    labour = (await client.get("/feeds/en/labour.json")).json()
    assert labour["version"] == "https://jsonfeed.org/version/1.1"
    assert labour["feed_url"] == "http://wire.test/feeds/en/labour.json"
    assert [item["id"] for item in labour["items"]] == [f"urn:polywire:story:{rail}:en"]
    assert labour["items"][0]["tags"] == ["Transport", "Labour"]
    assert labour["hubs"] == [{"type": "WebSub", "url": "http://wire.test/websub"}]
    assert labour["items"][0]["title"] == "Rail workers call a two-day strike"
    assert "<p>Rail workers will strike" in labour["items"][0]["content_html"]

    assert (await client.get("/feeds/fr/all.rss")).status_code == 200
    assert feedparser.parse((await client.get("/feeds/fr/all.rss")).content).entries == []


async def test_conditional_get_answers_304_until_a_release(
    wire: Wire, client: httpx.AsyncClient
) -> None:
    await release(wire, "solar", ["Energy"])
    first = await client.get("/feeds/en/all.atom")
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["link"] == (
        '<http://wire.test/websub>; rel="hub", <http://wire.test/feeds/en/all.atom>; rel="self"'
    )
    again = await client.get("/feeds/en/all.atom", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    since = await client.get(
        "/feeds/en/all.atom", headers={"If-Modified-Since": first.headers["last-modified"]}
    )
    assert since.status_code == 304
    other = await client.get("/feeds/en/all.atom", headers={"If-None-Match": '"elsewhere"'})
    assert other.status_code == 200 and other.content == first.content

    tail = live_for(wire).tail
    advanced = asyncio.ensure_future(tail.advanced())
    await release(wire, "rail", ["Transport"])
    await asyncio.wait_for(advanced, timeout=1.0)
    changed = await client.get("/feeds/en/all.atom", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert len(feedparser.parse(changed.content).entries) == 2


async def test_a_withdrawn_story_leaves_the_feed(wire: Wire, client: httpx.AsyncClient) -> None:
    solar = await release(wire, "solar", ["Energy"])
    rail = await release(wire, "rail", ["Transport"])
    before = await client.get("/feeds/en/all.json")
    advanced = asyncio.ensure_future(live_for(wire).tail.advanced())
    with wire.database.write() as conn:
        wire.events.append(
            conn, "released", rail, 1, "en", {"pubstatus": "canceled", "sectors": ["Transport"]}
        )
    await asyncio.wait_for(advanced, timeout=1.0)
    after = await client.get(
        "/feeds/en/all.json", headers={"If-None-Match": before.headers["etag"]}
    )
    assert after.status_code == 200
    feed = json.loads(after.content)
    assert [item["id"] for item in feed["items"]] == [f"urn:polywire:story:{solar}:en"]
    modified = [parsedate_to_datetime(r.headers["last-modified"]) for r in (before, after)]
    assert modified[1] >= modified[0]  # the withdrawal is the feed's newest change


async def test_token_feed_shows_what_the_token_grants(
    wire: Wire, client: httpx.AsyncClient
) -> None:
    await release(wire, "solar", ["Energy"])
    await release(wire, "rail", ["Transport"])
    token = add_desk(wire, ["en"], ["Energy"])
    feed = feedparser.parse((await client.get(f"/feeds/token/{token}.rss")).content)
    assert [e.title for e in feed.entries] == ["Harbor Valley opens a community solar farm"]
    missing = await client.get("/feeds/token/wrong.rss")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"


async def test_bad_feed_names_get_a_clear_404(client: httpx.AsyncClient) -> None:
    bad_kind = await client.get("/feeds/en/all.xml")
    assert bad_kind.status_code == 404
    assert "'all.xml': a feed ends in .rss, .atom or .json" in bad_kind.json()["detail"]
    bad_lang = await client.get("/feeds/english!/all.rss")
    assert bad_lang.status_code == 404
    assert "is not a language tag" in bad_lang.json()["detail"]
