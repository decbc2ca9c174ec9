"""A press release's About paragraph and media contacts reach every reader: a webhook receiver
(verified with `standardwebhooks`), a feed reader (`feedparser`) and the public page, in the
source language and two translations; another wire's furniture is not republished."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient
from publish.receiver import Receiver
from standardwebhooks import Webhook

from polywire.config import load_settings
from polywire.publish.formats.ninjs import validate_ninjs
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store import subscribers as subscriber_store
from polywire.wire import Wire

RELEASE = """Acme opens a bicycle plant in Leeds

LEEDS (BrandWire) – Acme Ltd opened a bicycle plant in Leeds on Monday that will employ 500 people
by the end of next year, the company said.

The plant will make 20,000 bicycles a year.

About Acme Ltd
Acme Ltd makes bicycles in Leeds and Lyon.

About BrandWire
BrandWire distributes press releases for companies across Europe.

Media contacts:
Jane Doe, Head of Communications
Tel: +44 113 496 0000
jane.doe@acme.example
""".encode()

LANGUAGES = ["en", "es", "fr"]


@pytest.fixture
def wire(tmp_path: Path, database_url: str) -> Iterator[Wire]:
    settings = load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        languages=["es", "fr"],
        check={"policy": "release"},
        review={"rules": []},  # Apertium's translations go out without an editor
        publish={"outbound": {"allow_loopback": True}},
        deliver={"public_url": "http://testserver"},
    )
    opened = Wire(settings)
    yield opened
    opened.close()


async def test_about_and_contacts_reach_a_webhook_a_feed_and_the_page_in_three_languages(
    wire: Wire,
) -> None:
    async with Receiver().running() as receiver:
        spec = parse_spec(
            {
                "name": "Desk",
                "languages": LANGUAGES,
                "destinations": [
                    {"channel": "webhook", "format": "ninjs2", "address": receiver.url("desk")}
                ],
            }
        )
        with wire.database.write() as conn:
            subscriber, _ = subscriber_store.add_subscriber(conn, spec)
        secret = str(subscriber.destinations[0].secret)
        story_id = (
            StoryService(wire).submit(None, RELEASE, source="release.txt", language="en").story_id
        )
        await wire.worker().run_until_idle()
        await receiver.wait_for(3, "desk")

    documents = {}
    for arrival in receiver.at("desk"):
        document = Webhook(secret).verify(arrival.body, arrival.headers)["data"]
        validate_ninjs(document)
        documents[document["language"]] = document
    assert sorted(documents) == LANGUAGES
    for language, document in documents.items():
        (about,) = [body for body in document["bodies"] if body["role"] == "about"]
        assert "Acme Ltd" in about["value"]
        (contact,) = [s for s in document["infosources"] if s["role"] == "contact"]
        assert contact["name"] == "Jane Doe, Head of Communications"
        assert {"type": "email", "value": "jane.doe@acme.example", "lang": language} in contact[
            "contactinfo"
        ]
        notices = next(b["value"] for b in document["bodies"] if b["role"] == "notices")
        assert "jane.doe@acme.example" in notices and "+44 113 496 0000" in notices
        assert "BrandWire distributes" not in str(document)  # another wire's own About
        assert "About Polywire" not in notices  # the wire's own About gives way
    assert "makes bicycles in Leeds" in documents["en"]["bodies"][2]["value"]
    assert "makes bicycles in Leeds" not in documents["es"]["bodies"][2]["value"]
    assert "Acerca de Acme Ltd" in documents["es"]["bodies"][2]["value"]
    assert "propos de Acme Ltd" in documents["fr"]["bodies"][2]["value"]

    from polywire.web.app import create_app

    with TestClient(create_app(wire)) as client:
        (stored,) = client.get(f"/v1/stories/{story_id}").json()["versions"]
        assert stored["about"] == [
            {"name": "Acme Ltd", "text": "Acme Ltd makes bicycles in Leeds and Lyon."}
        ]
        assert stored["contacts"][0]["emails"] == ["jane.doe@acme.example"]
        for language in LANGUAGES:
            about = html.unescape(documents[language]["bodies"][2]["value"])
            about_text = about.split("<p>", 1)[1].removesuffix("</p>")
            assert about_text.startswith("Acme Ltd ")  # the name is kept as written
            feed = feedparser.parse(client.get(f"/feeds/{language}/all.rss").content)
            assert not feed.bozo, feed.bozo_exception
            (entry,) = feed.entries
            assert about_text in entry.content[0].value
            assert "jane.doe@acme.example" in entry.content[0].value
            page = client.get(f"/news/{language}/{story_id}")
            assert page.status_code == 200, page.text
            text = html.unescape(page.text)
            assert about_text in text
            assert "mailto:jane.doe@acme.example" in text and "Jane Doe" in text
            assert "BrandWire distributes" not in text
