"""Feeds over HTTP, read back with feedparser: per language × sector, per token, conditional
GET with strong ETags and Last-Modified, and a release showing up at once."""

from __future__ import annotations

import asyncio
import json
import re
from email.utils import parsedate_to_datetime

import feedparser
import httpx
import pytest

from deliver.conftest import add_desk, release
from polywire.compose import compose
from polywire.domain import NotFound
from polywire.publish.formats.email import render_composed_email
from polywire.publish.release.composed_cache import ComposedReleases
from polywire.services import StoryService
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
        assert parsed.entries[1].link == f"http://wire.test/news/en/{solar}"
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
    opened = r"<p>LYON, \w+ \d+ \(Polywire\) – Rail workers will strike"
    assert re.search(opened, labour["items"][0]["content_html"])

    assert (await client.get("/feeds/fr/all.rss")).status_code == 200
    assert feedparser.parse((await client.get("/feeds/fr/all.rss")).content).entries == []


async def test_feeds_carry_the_release_composed_in_the_feeds_language(
    wire: Wire, client: httpx.AsyncClient
) -> None:
    story = await release(wire, "cooperativa", ["Energy", "Transport"], language="es")
    opening = "(Polywire) – La Cooperativa Energética de Harbor Valley inauguró el martes"
    notices = [
        "Fuente: demo",
        "Este contenido ha sido distribuido por Polywire en nombre de su editor",
        "Acerca de Polywire: Polywire es una agencia de noticias multilingüe",
        "Sectores: Energía, Transporte",
    ]

    for kind in ("rss", "atom"):
        response = await client.get(f"/feeds/es/energy.{kind}")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.bozo_exception
        [entry] = parsed.entries
        assert entry.title == "Una cooperativa de Harbor Valley abre un parque solar"
        content = entry.content[0].value
        assert content.startswith(f"<p>{opening}")
        assert all(notice in content for notice in notices), content
        assert opening in entry.summary
        assert {"Energía", "Transporte"} <= {tag.term for tag in entry.tags}
        assert "Energy" not in {tag.term for tag in entry.tags}

    document = (await client.get("/feeds/es/transport.json")).json()
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["language"] == "es"
    [item] = document["items"]
    assert item["id"] == f"urn:polywire:story:{story}:es"
    assert item["language"] == "es"
    assert {"Energía", "Transporte"} <= set(item["tags"])
    assert item["summary"].startswith(opening)
    assert all(notice in item["content_html"] for notice in notices)


async def test_a_right_to_left_entry_reads_right_to_left(
    wire: Wire, client: httpx.AsyncClient
) -> None:
    await release(wire, "clinic", ["Health"])
    [item] = (await client.get("/feeds/ar/health.json")).json()["items"]
    assert item["content_html"].startswith('<div dir="rtl"><p>')
    assert "المصدر: demo" in item["content_html"]
    assert item["tags"] == ["الصحة"]


async def test_a_release_is_composed_once_for_every_feed_it_appears_in(wire: Wire) -> None:
    solar = await release(wire, "solar", ["Energy"])
    rail = await release(wire, "rail", ["Transport"])
    releases = ComposedReleases(wire.settings, kept=1)
    with wire.database.read() as conn:
        first = releases.get(conn, solar, 1, "en")
        assert releases.get(conn, solar, 1, "en") is first
        releases.get(conn, rail, 1, "en")  # keeps one: the solar release is dropped
        assert releases.get(conn, solar, 1, "en") is not first
        with pytest.raises(NotFound):
            releases.get(conn, solar, 1, "fr")


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


async def test_markup_in_a_plain_text_story_stays_text_in_every_feed(
    wire: Wire, client: httpx.AsyncClient
) -> None:
    """A plain-text story is text: `<svg onload=…>` in it reaches feed readers escaped, in the
    RSS description and content, the Atom summary and content, and JSON Feed's content_html."""
    story = (
        "Harbor Valley opens a community solar farm\n\n"
        "PORTLAND (Polywire) – The cooperative wrote <svg onload=alert(1)> on its new sign "
        "on Tuesday, a joke its 7,800 customers did not get.\n\n"
        "The farm covers 210 acres and will power about 7,800 homes a year.\n"
    )
    story_id = (
        StoryService(wire)
        .submit(None, story.encode(), source="svg.txt", sectors=["Energy"], languages=[])
        .story_id
    )
    await wire.worker().run_until_idle()

    rss = (await client.get("/feeds/en/all.rss")).content
    assert b"<svg" not in rss
    # the dateline carries the filing day: "PORTLAND, Dec 7 (Polywire) – …"
    assert re.search(
        rb"<description>PORTLAND, [^<]* \xe2\x80\x93 The cooperative wrote &amp;lt;svg", rss
    )
    for kind in ("rss", "atom"):
        parsed = feedparser.parse((await client.get(f"/feeds/en/all.{kind}")).content)
        [entry] = parsed.entries
        for html in (entry.summary, entry.content[0].value):
            assert "&lt;svg onload=alert(1)&gt;" in html, html
            assert "<svg" not in html
    document = (await client.get("/feeds/en/all.json")).json()
    [item] = document["items"]
    assert "&lt;svg onload=alert(1)&gt;" in item["content_html"]
    assert "<svg" not in item["content_html"]
    assert "<svg onload=alert(1)>" in item["summary"]  # JSON Feed's summary is plain text

    ninjs = (await client.get(f"/v1/stories/{story_id}/ninjs")).json()
    assert "&lt;svg onload=alert(1)&gt;" in ninjs["bodies"][0]["value"]
    assert "<svg" not in ninjs["bodies"][0]["value"]
    view = StoryService(wire).story(None, story_id)
    composed = compose(view.versions[0], view.renditions[0], wire.settings)
    mail = render_composed_email(composed, link="https://w.test/s", unsubscribe_url="https://u")
    assert "&lt;svg onload=alert(1)&gt;" in mail.html and "<svg" not in mail.html
