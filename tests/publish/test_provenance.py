"""Each translation says how it was made (issue 16): the machine by name, a person, or a
machine's text an editor changed — in the reader's language, in every item format."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from polywire.compose import compose
from polywire.config import load_settings
from polywire.domain import Rendition, RenditionState, Story, StoryState, Version
from polywire.publish.formats import render
from polywire.publish.formats.ninjs import ninjs_document, validate_ninjs

STORY = Story("s1", "urn:polywire:story:s1", "Acme Ltd", "en", StoryState.RELEASED,
              datetime(2026, 11, 25, 9, tzinfo=UTC), 1)  # fmt: skip
VERSION = Version(
    "s1", 1, datetime(2026, 11, 25, 9, 30, tzinfo=UTC), "en", "Acme opens a plant", ["Acme."]
)


def made(
    engine: str | None,
    model: str | None = None,
    edited_by: str | None = None,
    language: str = "en-GB",
    is_source: bool = False,
) -> Rendition:
    return Rendition(
        "s1",
        1,
        language,
        RenditionState.RELEASED,
        "Acme opens a plant",
        ["Acme opened a plant."],
        is_source=is_source,
        engine=engine,
        model=model,
        edited_by=edited_by,
    )


@pytest.mark.parametrize(
    ("rendition", "said"),
    [
        (made("apertium", "en-es"), "Machine translated by Apertium"),
        (made("apertium>apertium (via es)"), "Machine translated by Apertium"),
        (made("ctranslate2>apertium (via es)"), "Machine translated by CTranslate2, Apertium"),
        (made("openai", "gpt-4o-mini"), "Machine translated by gpt-4o-mini"),
        (made("apertium+human"), "Machine translated by Apertium, edited by an editor"),
        (made("apertium", edited_by="eve"), "Machine translated by Apertium, edited by an editor"),
        (made("human", edited_by="eve"), "Translated by a person"),
        (made("received", "partner.txt"), "Translation supplied by Acme Ltd"),
    ],
)
def test_every_format_says_how_the_translation_was_made(rendition: Rendition, said: str) -> None:
    composed = compose(VERSION, rendition, load_settings(), story=STORY)
    assert said in render("text", composed).body.decode()
    document = json.loads(render("json", composed).body)
    assert document["translated_by"] == said
    ninjs = ninjs_document(composed)
    validate_ninjs(ninjs)
    assert said in ninjs["bodies"][1]["value"]
    roles = {source["role"] for source in ninjs["infosources"]}
    assert roles & {"machine-translator", "translator"}


def test_the_source_says_nothing_and_other_languages_say_it_in_theirs() -> None:
    source = compose(VERSION, made(None, language="en", is_source=True), load_settings())
    assert source.translated_by is None and source.provenance is None
    assert "translat" not in render("text", source).body.decode().lower()
    french = compose(VERSION, made("apertium", edited_by="eve", language="fr"), load_settings())
    assert french.translated_by == "Traduit automatiquement par Apertium, revu par un éditeur"
    japanese = compose(VERSION, made("apertium", language="ja"), load_settings())
    assert japanese.translated_by == "Apertiumによる機械翻訳"
