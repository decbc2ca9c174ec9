"""A release's subheadline (the line under the headline) is read from HTML, ninjs and release
text, given through the API and the desk's forms, translated and checked as a segment of its own,
kept by corrections, and shown on the release page, the desk, in e-mail, feeds, ninjs 2.1 and
3.0, the wire's JSON and text, and the API's story answer."""

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
from polywire.domain import About, Picture, Rendition, RenditionState, Version
from polywire.ingest import extract
from polywire.publish.formats import render
from polywire.publish.formats.email import render_composed_email
from polywire.publish.formats.ninjs import ninjs_document, validate_ninjs
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store import subscribers as subscriber_store
from polywire.web.app import create_app
from polywire.wire import Wire

PAGE = (Path(__file__).parent / "samples" / "subheadline.html").read_bytes()
HEADLINE = "Acme Opens a Bicycle Plant in Leeds"
SUB = "The new plant will employ 500 people and make 20,000 bicycles a year"
RELEASE = f"""{HEADLINE}
{{sub}}

LEEDS, England, Dec. 7, 2026 /PRNewswire/ -- Acme Ltd opened a bicycle plant in Leeds on Monday
that will employ 500 people by the end of next year, the company said.

The plant cost 40 million pounds and runs on solar power from panels on its own roof, according
to the company's statement.
""".replace("\nthat", " that").replace("\nto the", " to the")


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


@pytest.mark.parametrize("line", [SUB, f"*{SUB}*", f"_{SUB}._"])
def test_release_text_has_its_subheadline_under_the_headline(line: str) -> None:
    found = extract(RELEASE.format(sub=line).encode(), source="release.txt")
    assert found.headline == HEADLINE
    assert found.subheadline is not None and found.subheadline.rstrip(".") == SUB
    assert found.body[0].startswith("Acme Ltd opened")
    assert found.to_json()["subheadline"] == found.subheadline


def test_release_text_without_one_has_none() -> None:
    found = extract(RELEASE.format(sub="").encode(), source="release.txt")
    assert (found.headline, found.subheadline) == (HEADLINE, None)


@pytest.mark.parametrize(
    "marked",
    [f"<h2>{SUB}</h2>", f'<p class="subtitle">{SUB}</p>', f'<div class="article-dek">{SUB}</div>'],
)
def test_an_html_page_has_the_line_under_its_h1_and_not_in_the_body(marked: str) -> None:
    page = PAGE.replace(f"<h2>{SUB}</h2>".encode(), marked.encode())
    found = extract(page, source="plant.html")
    assert (found.headline, found.subheadline) == (HEADLINE, SUB)
    assert SUB not in " ".join(found.body)


def test_a_marked_line_in_the_navigation_is_no_subheadline() -> None:
    page = PAGE.replace(f"<h2>{SUB}</h2>".encode(), b"").replace(
        b"<nav>", b'<nav><p class="subtitle">Read the latest news from all over the world</p>'
    )
    assert extract(page, source="plant.html").subheadline is None


@pytest.mark.parametrize("standard", ["2.1", "3.0"])
def test_ninjs_has_it_as_the_headline_of_role_sub_and_reads_it_back(standard: str) -> None:
    version = _version()
    source = Rendition("s", 1, "en", RenditionState.RELEASED, version.headline, version.body)
    source.set_furniture(version, version.furniture_texts())
    document = ninjs_document(compose(version, source, load_settings()), standard)
    validate_ninjs(document)
    assert document["headlines"] == [
        {"role": "main", "value": version.headline},
        {"role": "sub", "value": SUB},
    ]
    assert extract(json.dumps(document).encode(), source="acme.json").subheadline == SUB


def test_another_wires_ninjs_may_call_it_subheadline() -> None:
    document = {
        "uri": "urn:other:1",
        "headlines": [{"value": HEADLINE}, {"role": "subheadline", "value": f"  {SUB} "}],
        "bodies": [{"role": "main", "value": RELEASE.format(sub="").split("\n", 2)[2]}],
        "language": "en",
    }
    assert extract(json.dumps(document).encode(), source="other.json").subheadline == SUB


def _version(**extra: object) -> Version:
    return Version(
        "s", 1, datetime.now(UTC), "en", HEADLINE,
        ["LEEDS (Acme) - Acme opened a plant in Leeds on Monday that will employ 500 people by "
         "the end of next year."],
        subheadline=SUB, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def test_each_translated_segment_goes_back_where_it_came_from() -> None:
    version = _version(
        about=[About("Acme Ltd", "Acme Ltd makes bicycles.")],
        pictures=[Picture("https://a.example/a.jpg"), Picture("https://a.example/b.jpg", "B")],
    )
    assert version.furniture_texts() == [SUB, "Acme Ltd makes bicycles.", "B"]
    rendition = Rendition("s", 1, "es", RenditionState.PENDING, "h", ["p"])
    rendition.set_furniture(version, ["SUB-es", "ABOUT-es", "B-es"])
    assert rendition.subheadline == "SUB-es"
    assert rendition.about == ["ABOUT-es"]
    assert rendition.picture_captions == [None, "B-es"]
    assert rendition.furniture_texts() == ["SUB-es", "ABOUT-es", "B-es"]
    without = Version("s", 1, datetime.now(UTC), "en", HEADLINE, ["p"], about=version.about)
    rendition.set_furniture(without, ["ABOUT-es"])
    assert (rendition.subheadline, rendition.about) == (None, ["ABOUT-es"])


def test_the_subheadline_is_checked_with_the_story() -> None:
    version = _version()
    wrong = Rendition(
        "s", 1, "es", RenditionState.PENDING, "Acme abre una planta en Leeds",
        ["LEEDS (Acme) - Acme abrió el lunes una planta en Leeds que empleará a 500 personas "
         "a finales del año próximo."],
        subheadline="La nueva planta empleará a 500 personas y fabricará 2.000 bicicletas al año",
    )  # fmt: skip
    report = check_translation(*checked_texts(version, wrong))
    assert any("20,000" in finding.message for finding in report.findings), report


async def test_it_is_translated_and_reaches_every_format_page_and_feed(wire: Wire) -> None:
    async with Receiver().running() as receiver:
        spec = parse_spec(
            {
                "name": "Desk",
                "languages": ["es"],
                "destinations": [
                    {"channel": "webhook", "format": "ninjs3", "address": receiver.url("desk")}
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
    (sub,) = [h["value"] for h in document["headlines"] if h["role"] == "sub"]
    assert sub and sub != SUB and "500" in sub  # in Spanish

    view = StoryService(wire).story(None, story_id)
    (version,) = view.versions
    assert version.subheadline == SUB
    spanish = next(r for r in view.renditions if r.language == "es")
    assert spanish.subheadline == sub
    assert spanish.body and sub not in spanish.body  # its own segment, not a paragraph
    composed = compose(version, spanish, wire.settings)
    mail = render_composed_email(composed, link="https://wire.test/x", unsubscribe_url="u")
    assert sub in mail.html and mail.text.splitlines()[1] == sub
    text = render("text", composed).body.decode()
    assert text.splitlines()[:2] == [composed.headline, sub]
    assert json.loads(render("json", composed).body)["subheadline"] == sub
    validate_ninjs(json.loads(render("ninjs2", composed).body))

    with TestClient(create_app(wire)) as client:
        rss = feedparser.parse(client.get("/feeds/es/all.rss").content)
        assert not rss.bozo, rss.bozo_exception
        assert rss.entries[0].summary == sub
        assert sub in rss.entries[0].content[0].value
        atom = feedparser.parse(client.get("/feeds/es/all.atom").content)
        assert atom.entries[0].summary == sub
        assert client.get("/feeds/es/all.json").json()["items"][0]["summary"] == sub
        page = client.get(f"/news/es/{story_id}").text
        assert f'<p class="subheadline">{sub}</p>' in page
        assert '"alternativeHeadline"' in page
        answer = client.get(f"/v1/stories/{story_id}").json()
        (stored,) = answer["versions"]
        assert stored["subheadline"] == SUB
        languages = {r["language"]: r["subheadline"] for r in stored["renditions"]}
        assert languages == {"en": SUB, "es": sub}
