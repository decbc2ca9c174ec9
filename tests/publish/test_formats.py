"""Item formats: ninjs 2.1 and 3.0 that validate against the IPTC schemas, JSON, plain text."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from jsonschema.exceptions import ValidationError

from polywire.compose import compose
from polywire.config import load_settings
from polywire.domain import (
    Place,
    Pubstatus,
    Rendition,
    RenditionState,
    Story,
    StoryState,
    Subject,
    Version,
)
from polywire.publish.formats import render
from polywire.publish.formats.ninjs import ninjs_document, validate_ninjs

STORY = Story("s1", "urn:polywire:story:s1", "Acme Ltd", "en", StoryState.RELEASED,
              datetime(2026, 11, 25, 9, tzinfo=UTC), 1)  # fmt: skip


def composed(language: str = "de", **fields: Any) -> Any:
    values: dict[str, Any] = {
        "story_id": "s1",
        "version": 1,
        "versioncreated": datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
        "language": "en",
        "headline": "Acme opens a plant",
        "body": ["Acme opened a plant."],
        "sectors": ["Energy"],
        "subjects": [Subject("medtop:20000249", "solar energy", relevance=80)],
        "places": [Place("GB", "United Kingdom")],
        "urgency": 4,
        "located": "LEEDS",
    }
    values.update(fields)
    body = ["Acme hat ein Werk eröffnet.", "Zweiter."]
    rendition = Rendition(
        "s1", values["version"], language, RenditionState.RELEASED, "Acme eröffnet ein Werk", body
    )
    return compose(Version(**values), rendition, load_settings(), story=STORY)


@pytest.mark.parametrize("standard", ["2.1", "3.0"])
def test_ninjs_validates_and_carries_the_composed_release(standard: str) -> None:
    document = ninjs_document(composed(), standard)
    validate_ninjs(document)
    camel = standard == "3.0"
    assert document["standard"]["version"] == standard
    assert document["pubStatus" if camel else "pubstatus"] == "usable"
    main, notices = document["bodies"]
    assert main["value"] == (
        "<p>LEEDS, 25. Nov. (Polywire) – Acme hat ein Werk eröffnet.</p><p>Zweiter.</p>"
    )
    assert "Quelle: Acme Ltd" in notices["value"] and "Branchen: Energie" in notices["value"]
    assert {"name": "Energie", "rel": "sector", "literal": "Energy"} in document["subjects"]
    assert document["subjects"][0]["uri"] == "http://cv.iptc.org/newscodes/mediatopic/20000249"
    assert document["places"][0]["literal"] == "GB"
    assert document["urgency"] == 4
    sources = document["infoSources" if camel else "infosources"]
    assert sources[0] == {"name": "Acme Ltd", "role": "originator"}


@pytest.mark.parametrize("standard", ["2.1", "3.0"])
def test_ninjs_embargo_correction_and_withdrawal(standard: str) -> None:
    camel = standard == "3.0"
    embargo = datetime(2026, 12, 1, 8, tzinfo=UTC)
    embargoed = ninjs_document(composed(embargoed=embargo), standard)
    validate_ninjs(embargoed)
    assert embargoed["embargoedUntil" if camel else "embargoed"] == "2026-12-01T08:00:00Z"

    corrected = ninjs_document(composed(version=2, correction_reason="Werk in Leeds"), standard)
    validate_ninjs(corrected)
    assert corrected["version"] == "2"
    assert corrected["edNote" if camel else "ednote"].startswith("Korrektur:")

    withdrawn = ninjs_document(composed(version=3, pubstatus=Pubstatus.CANCELED), standard)
    validate_ninjs(withdrawn)
    assert withdrawn["pubStatus" if camel else "pubstatus"] == "canceled"
    assert "Zurückgezogen: Acme Ltd" in withdrawn["bodies"][0]["value"]


def test_validation_rejects_what_the_schema_rejects() -> None:
    document = ninjs_document(composed(), "3.0")
    document["pubStatus"] = "gone"
    with pytest.raises(ValidationError):
        validate_ninjs(document)
    older = ninjs_document(composed(), "2.1")
    older["pubstatus"] = "gone"
    with pytest.raises(ValidationError):
        validate_ninjs(older)


def test_text_and_json_formats() -> None:
    text = render("text", composed(correction_reason="Werk")).body.decode("utf-8")
    assert text.startswith(
        "Acme eröffnet ein Werk\n\nLEEDS, 25. Nov. (Polywire) – Acme hat ein Werk eröffnet.\n"
    )
    assert "\nBranchen: Energie\n" in text
    assert "Korrektur: Diese Fassung ersetzt eine frühere. Grund: Werk" in text
    assert text.rstrip().endswith("Sprache liefert.")

    rendered = render("json", composed())
    assert rendered.content_type == "application/json"
    document = json.loads(rendered.body)
    assert document["paragraphs"][0].startswith("LEEDS, 25. Nov. (Polywire) –")
    assert document["sectors"] == [{"name": "Energy", "label": "Energie"}]
    with pytest.raises(ValueError, match="not an item format"):
        render("rss", composed())
