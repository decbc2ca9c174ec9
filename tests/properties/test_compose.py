"""Composing any release in any language: the release as a reader sees it, never a crash.

Headlines, bodies, datelines, sectors and brand settings are arbitrary or built from what breaks
templates and markup (`{braces}`, `<svg onload=…>`, `&amp;`, direction marks), in the fifteen
languages that have texts and in tags that fall back to them. What a subscriber receives of the
composition (plain text, ninjs 2.1 and 3.0, the e-mail) holds the headline, and its HTML escapes
the text's `<` and `&`. A brand text with braces the wire does not fill keeps them as written.
Lone surrogates are left out: refusing them at every door is another change's work.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from polywire.compose import TARGET_LANGUAGES, Composed, compose
from polywire.config import load_settings
from polywire.domain import (
    Pubstatus,
    Rendition,
    RenditionState,
    Story,
    StoryState,
    Version,
)
from polywire.publish.formats import render
from polywire.publish.formats.email import render_composed_email
from polywire.publish.formats.ninjs import ninjs_document, validate_ninjs
from properties.budget import PROPERTIES, examples

CHARACTERS = st.characters(exclude_categories=["Cs"])
PIECES = st.sampled_from(
    ["Acme opens a plant", "<svg onload=alert(1)>", "<script>alert(1)</script>", "&amp;", "&",
     "</p>", "<b>bold", "{brand}", "{publisher}", "{place}", "{0}", "{", "}", "%s", "\\", "\u200f",
     "\u202e", "\u200b", "LEEDS (Polywire) –", "(Polywire) —", "MOSCOW (AP) —", "公司宣布",
     "الشركة", "Москва", "บริษัท", "\n", "\t", "  ", "Energy", "Real  Estate", "ENERGY", "x" * 500]
)  # fmt: skip
TEXT = st.lists(PIECES | st.text(CHARACTERS, max_size=20), max_size=6).map(" ".join)
LINE = TEXT.filter(str.strip)
LANGUAGES = st.sampled_from(
    [*TARGET_LANGUAGES, "pt-BR", "zh-TW", "zh", "de-AT", "sr-Latn-RS", "fa", "he", "xx", "EN"]
)  # fmt: skip
#: Brand texts: the shipped ones, others with the wire's placeholders, and any text at all.
TEMPLATES = st.one_of(
    st.none(),
    st.lists(PIECES | st.sampled_from(["{brand}", "{publisher}"]), max_size=5).map(" ".join),
    st.text(CHARACTERS, max_size=30),
)
STORY = Story("s1", "urn:polywire:story:s1", "Acme Ltd", "en", StoryState.RELEASED,
              datetime(2026, 11, 25, 9, tzinfo=UTC), 1)  # fmt: skip


@st.composite
def settings_overrides(draw: st.DrawFn) -> dict[str, Any]:
    brand = {"name": draw(LINE), "url": "https://wire.example/"}
    for key in ("disclaimer", "about"):
        template = draw(TEMPLATES)
        if template is not None:
            brand[key] = template
    return {"brand": brand, "publish": {"dateline_template": draw(TEMPLATES)}}


@st.composite
def release(draw: st.DrawFn) -> tuple[Version, Rendition]:
    version = Version(
        story_id="s1",
        version=draw(st.integers(1, 5)),
        versioncreated=datetime(2026, 11, 25, 9, tzinfo=UTC),
        language=draw(LANGUAGES),
        headline=draw(LINE),
        body=draw(st.lists(TEXT, max_size=4)),
        pubstatus=draw(st.sampled_from(Pubstatus)),
        located=draw(st.none() | TEXT),
        by=draw(st.none() | TEXT),
        sectors=draw(st.lists(TEXT, max_size=4)),
        urgency=draw(st.none() | st.integers(1, 9)),
        correction_reason=draw(st.none() | TEXT),
    )
    language = draw(LANGUAGES)
    body = draw(st.lists(TEXT, max_size=5))
    rendition = Rendition("s1", version.version, language, RenditionState.RELEASED, draw(LINE),
                          body, is_source=language == version.language)  # fmt: skip
    return version, rendition


class _Markup(HTMLParser):
    """The tags and the text of an HTML document, as a browser would read them."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def words(text: str) -> str:
    return " ".join(text.split())


def assert_escaped_html(markup: str, texts: list[str], allowed_tags: set[str]) -> None:
    """`markup` holds each of `texts` as text, and no tag but `allowed_tags`."""
    read = _Markup(markup)
    assert read.tags <= allowed_tags, read.tags - allowed_tags
    shown = words(" ".join(read.text))
    for text in texts:
        assert words(text) in shown, (text, markup)


def composed_of(version: Version, rendition: Rendition, **overrides: Any) -> Composed:
    """The composition of `rendition`, checked for what holds of every composition."""
    composed = compose(version, rendition, load_settings(**overrides), story=STORY)
    assert composed.headline == rendition.headline
    assert composed.paragraphs and all(isinstance(p, str) for p in composed.paragraphs)
    assert composed.direction in ("ltr", "rtl")
    return composed


ACME = (
    Version("s1", 1, datetime(2026, 11, 25, 9, tzinfo=UTC), "en", "Acme opens a plant", ["Body."]),
    Rendition("s1", 1, "fr", RenditionState.RELEASED, "Acme ouvre une usine", ["Corps."]),
)


def test_braces_the_wire_does_not_fill_are_printed_as_written() -> None:
    brand = {"name": "Wire {0}", "disclaimer": "50% {off} by {brand}", "about": "{brand.upper}"}
    release = composed_of(*ACME, brand=brand, publish={"dateline_template": "{brand} { –"})
    assert release.paragraphs[0] == "Wire {0} { – Corps."
    english = composed_of(ACME[0], replace(ACME[1], language="en"), brand=brand)
    assert english.disclaimer == "50% {off} by Wire {0}"
    assert english.about == "{brand.upper}"


@hypothesis_settings(PROPERTIES, max_examples=examples(100))
@given(release(), settings_overrides())
@example(ACME, {"brand": {"name": "W", "disclaimer": "{0}", "about": "{"}, "publish": {}})
@example(ACME, {"brand": {"name": "W"}, "publish": {"dateline_template": "{place.x} }"}})
def test_any_release_composes(
    release: tuple[Version, Rendition], overrides: dict[str, Any]
) -> None:
    composed = composed_of(*release, **overrides)
    assert composed.headline in render("text", composed).body.decode()
    assert json.loads(render("json", composed).body)
    for standard in ("2.1", "3.0"):
        document = ninjs_document(composed, standard)
        validate_ninjs(json.loads(json.dumps(document)))
        assert document["headlines"][0]["value"] == composed.headline
        for body in document["bodies"]:
            assert_escaped_html(body["value"], [], {"p"})
        main = document["bodies"][0]["value"]
        assert_escaped_html(main, composed.paragraphs, {"p"})
    email = render_composed_email(composed, link="https://wire.example/s1", unsubscribe_url="u")
    assert email.subject == composed.headline
    html_tags = {"html", "head", "meta", "title", "body", "h1", "p", "a", "hr", "strong"}
    assert_escaped_html(email.html, [composed.headline, *composed.paragraphs], html_tags)
    assert composed.headline.strip() in email.text


@hypothesis_settings(PROPERTIES, max_examples=examples(40))
@given(release(), st.sampled_from(TARGET_LANGUAGES))
def test_every_target_language_with_the_shipped_texts(
    release: tuple[Version, Rendition], language: str
) -> None:
    version, rendition = release
    rendition.language = language
    composed = composed_of(version, rendition)
    assert composed.attribution and composed.disclaimer and composed.about
    assert "{" not in composed.attribution + composed.about_heading
