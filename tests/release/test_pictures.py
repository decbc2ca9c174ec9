"""A story's pictures (URL, caption, credit, alt text) from HTML and ninjs inputs reach the
release page, feeds (enclosure, media:content, JSON Feed attachments), webhooks (ninjs
associations) and e-mail, with captions translated and checked. Picture URLs are only passed on,
never fetched."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient
from publish.receiver import Receiver
from standardwebhooks import Webhook

from polywire.check.core import check_translation
from polywire.check.stage import checked_texts
from polywire.compose import compose
from polywire.config import load_settings
from polywire.domain import About, Contact, Picture, Rendition, RenditionState, Version
from polywire.ingest import extract
from polywire.publish.formats.email import render_composed_email
from polywire.publish.formats.ninjs import ninjs_document, validate_ninjs
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store import subscribers as subscriber_store
from polywire.web.app import create_app
from polywire.wire import Wire

PAGE = (Path(__file__).parent / "samples" / "plant.html").read_bytes()
URL = "https://news.acme.example/media/plant.jpg"


@pytest.fixture
def wire(tmp_path: Path, database_url: str) -> Iterator[Wire]:
    settings = load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        languages=["es"],
        check={"policy": "release"},
        review={"rules": []},  # Apertium's translations go out without an editor
        publish={"outbound": {"allow_loopback": True}},
        deliver={"public_url": "http://testserver"},
    )
    opened = Wire(settings)
    yield opened
    opened.close()


def test_an_html_pages_figures_are_its_pictures_and_unsafe_addresses_are_dropped() -> None:
    found = extract(PAGE, source="plant.html")
    assert found.pictures == [
        Picture(
            URL,
            "The new plant in Leeds.",
            "Photo: Acme/Jane Doe",
            "A long factory hall with bicycle frames",
        )
    ]


async def test_pictures_reach_a_webhook_a_feed_the_page_and_email_with_translated_captions(
    wire: Wire,
) -> None:
    async with Receiver().running() as receiver:
        spec = parse_spec(
            {
                "name": "Desk",
                "languages": ["es"],
                "destinations": [
                    {"channel": "webhook", "format": "ninjs2", "address": receiver.url("desk")}
                ],
            }
        )
        with wire.database.write() as conn:
            subscriber, _ = subscriber_store.add_subscriber(conn, spec)
        story_id = StoryService(wire).submit(None, PAGE, source="plant.html").story_id
        await wire.worker().run_until_idle()
        await receiver.wait_for(1, "desk")

    (arrival,) = receiver.at("desk")
    document = Webhook(str(subscriber.destinations[0].secret)).verify(
        arrival.body, arrival.headers
    )["data"]
    validate_ninjs(document)
    (association,) = document["associations"]
    assert association["type"] == "picture" and association["uri"] == URL
    assert association["by"] == "Photo: Acme/Jane Doe"
    caption = next(d["value"] for d in association["descriptions"] if d["role"] == "caption")
    assert caption and caption != "The new plant in Leeds."  # in Spanish
    assert "Leeds" in caption

    with TestClient(create_app(wire)) as client:
        rss = feedparser.parse(client.get("/feeds/es/all.rss").content)
        assert not rss.bozo, rss.bozo_exception
        (entry,) = rss.entries
        assert entry.enclosures[0].href == URL and entry.enclosures[0].type == "image/jpeg"
        assert entry.media_content[0]["url"] == URL
        assert caption in entry.content[0].value
        atom = feedparser.parse(client.get("/feeds/es/all.atom").content)
        assert atom.entries[0].media_content[0]["url"] == URL
        item = client.get("/feeds/es/all.json").json()["items"][0]
        assert item["image"] == URL and item["attachments"][0]["title"] == caption
        page = client.get(f"/news/es/{story_id}").text
        assert f'<img src="{URL}" alt="A long factory hall with bicycle frames"' in page
        assert caption in page

    view = StoryService(wire).story(None, story_id)
    (version,) = view.versions
    spanish = next(r for r in view.renditions if r.language == "es")
    mail = render_composed_email(
        compose(version, spanish, wire.settings), link="https://wire.test/x", unsubscribe_url="u"
    )
    assert f'<img src="{URL}"' in mail.html and caption in mail.html
    assert f"<{URL}>" in mail.text


def test_captions_are_checked_with_the_story() -> None:
    version = Version(
        "s", 1, datetime.now(UTC), "en",
        "Acme opens a plant", ["Acme opened a plant on Monday."],
        pictures=[Picture(URL, "The plant makes 20,000 bicycles a year.")],
    )  # fmt: skip
    wrong = Rendition(
        "s", 1, "es", RenditionState.PENDING, "Acme abre una planta",
        ["Acme abrió una planta el lunes."],
        picture_captions=["La planta fabrica 2.000 bicicletas al año."],
    )  # fmt: skip
    report = check_translation(*checked_texts(version, wrong))
    assert any("20,000" in finding.message for finding in report.findings), report


def test_the_wires_own_ninjs_is_read_back_whole() -> None:
    version = Version(
        "s", 1, datetime.now(UTC), "en",
        "Acme opens a plant", ["LEEDS (Acme) - Acme opened a plant in Leeds on Monday that "
                               "will employ 500 people by the end of next year."],
        about=[About("Acme Ltd", "Acme Ltd makes bicycles.")],
        contacts=[Contact("Jane Doe", "Press officer", ("+44 113 496 0000",), ("j@acme.example",))],
        pictures=[Picture(URL, "The new plant.", "Photo: Acme", "A factory hall")],
    )  # fmt: skip
    source = Rendition("s", 1, "en", RenditionState.RELEASED, version.headline, version.body)
    source.set_furniture(version, version.furniture_texts())
    document = ninjs_document(compose(version, source, load_settings()), "3.0")
    validate_ninjs(document)
    found = extract(json.dumps(document).encode(), source="acme.json")
    assert found.about == version.about
    assert found.contacts == version.contacts
    assert found.pictures == version.pictures


def test_a_translation_received_without_the_captions_is_checked_on_its_story_alone() -> None:
    version = Version(
        "s", 1, datetime.now(UTC), "en", "Acme opens a plant", ["Acme opened a plant on Monday."],
        pictures=[Picture(URL, "The plant makes 20,000 bicycles a year.")],
    )  # fmt: skip
    received = Rendition(
        "s", 1, "es", RenditionState.PENDING, "Acme abre una planta",
        ["Acme abrió una planta el lunes."],
    )  # fmt: skip
    source, translation = checked_texts(version, received)
    assert source.paragraphs == ["Acme opened a plant on Monday."]
    assert translation.paragraphs == ["Acme abrió una planta el lunes."]
