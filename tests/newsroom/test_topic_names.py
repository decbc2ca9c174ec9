"""Topics in the page's language where IPTC has no label in it (issue 19): IPTC's label through
the language's fallbacks, else the wire's own name of each top-level topic in every served
language, else the nearest broader topic's name; never English on a Japanese page."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from newsroom.test_public import released_in_five
from polywire.classify.vocabulary import load_vocabulary
from polywire.compose.texts import TARGET_LANGUAGES
from polywire.web.pages.chrome import LOCALE_DIR
from polywire.web.pages.topics import CONTEXT, topic_in
from polywire.wire import Wire

ECONOMY = "medtop:04000000"
MAIL_ORDER = "medtop:20000250"  # economy, business and finance › … › mail order


@pytest.mark.parametrize("language", TARGET_LANGUAGES)
def test_every_top_level_topic_has_a_name_in_every_served_language(language: str) -> None:
    vocabulary = load_vocabulary()
    assert len(vocabulary.top_level) == 17
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    for code in vocabulary.top_level:
        english = vocabulary.concepts[code].label("en")
        entry = catalog.get(english, context=CONTEXT)
        assert entry is not None and entry.string.strip(), (language, code)
        named = topic_in(code, english, language)
        assert named.strip(), (language, code)
        if language != "en":
            assert named != english, (language, code)
        if language not in vocabulary.languages():  # the wire's own name where IPTC has none
            assert named == entry.string, (language, code)


def test_a_language_falls_back_along_its_chain() -> None:
    assert topic_in(ECONOMY, "", "pt-BR") == "economia, negócios e finanças"  # → pt (IPTC)
    assert topic_in(ECONOMY, "", "zh") == "经济、商业和金融"  # → zh-Hans (IPTC)
    assert topic_in(ECONOMY, "", "zh-TW") == "經濟、商業和金融"  # → zh-Hant (ours)
    assert topic_in(MAIL_ORDER, "", "zh-Hant") == "郵購"  # IPTC's, in traditional characters
    assert topic_in(MAIL_ORDER, "", "es") == "Venta por correo"
    # no label of the deeper topic in Japanese: its nearest broader topic that has one
    assert topic_in(MAIL_ORDER, "mail order", "ja") == "経済・ビジネス・金融"
    assert topic_in(MAIL_ORDER, "mail order", "ms-MY") == "ekonomi, perniagaan dan kewangan"
    # a language the wire has no catalog for: IPTC's English; an unknown code: as carried
    assert topic_in(MAIL_ORDER, "mail order", "nl") == "mail order"
    assert topic_in("medtop:99999999", "as filed", "ja") == "as filed"


def test_the_release_page_names_its_topics_in_japanese_and_vietnamese(
    client: TestClient, wire: Wire
) -> None:
    """The story is about labour and, under it, employment: IPTC names neither in Japanese or
    Vietnamese, so both are named as labour, once."""
    story_id = released_in_five(wire)
    english = client.get(f"/news/en/{story_id}").text
    assert ">labour</a>" in english and ">employment</a>" in english
    for language, labour in (("ja", "労働"), ("vi", "lao động")):
        html = client.get(f"/news/{language}/{story_id}").text
        tags = re.findall(rf'<a href="/news/{language}\?topic=medtop%3A(\d+)">([^<]+)</a>', html)
        assert ("09000000", labour) in tags, tags
        assert [name for _, name in tags].count(labour) == 1
        if language == "ja":
            assert all(not name.isascii() for _, name in tags), tags  # no English left
    listed = client.get("/news/ja", params={"topic": "medtop:20000509"}).text
    assert f'href="/news/ja/{story_id}"' in listed and " · 労働</h1>" in listed
