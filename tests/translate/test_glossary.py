"""The publisher's glossary in the pipeline: the translator applies the store's terms over the
settings', and the check finds a translation that does not follow them (major, naming the term)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polywire.bus.base import Lease
from polywire.check.stage import CheckStage
from polywire.config import load_settings
from polywire.domain import RenditionState
from polywire.glossary_scope import GlossaryScope
from polywire.services import StoryService
from polywire.store import glossary
from polywire.store import stories as store
from polywire.store.glossary import Term
from polywire.translate.engines.apertium import ApertiumEngine
from polywire.web.app import create_app
from polywire.wire import Wire

STORY = (
    b"Solar cooperative issues a press release\n\n"
    b"The cooperative said in a press release on Monday that its smart grid will supply "
    b"4,000 homes from the spring.\n\nThe mayor said the town was proud of the cooperative."
)


@pytest.fixture
def wire(tmp_path: Path) -> Iterator[Wire]:
    settings = load_settings(
        data_dir=tmp_path / "data",
        languages=["es"],
        translate={"glossaries": {"demo": {"fixed": {"mayor": {"es": "regidor"}}}}},
    )
    opened = Wire(settings)
    yield opened
    opened.close()


def test_the_translator_applies_and_the_check_enforces_the_glossary(
    wire: Wire, apertium: ApertiumEngine
) -> None:
    with wire.database.write() as conn:
        glossary.set_term(conn, "demo", Term("press release", translations={"es": "nota"}))
        glossary.set_term(conn, "demo", Term("smart grid", keep=True))
    story_id = StoryService(wire).submit(None, STORY, source="story.txt", language="en").story_id
    asyncio.run(wire.worker().run_until_idle())
    with wire.database.read() as conn:
        spanish = store.get_rendition(conn, story_id, 1, "es")
    text = "\n".join([spanish.headline, *spanish.body])
    assert "nota" in spanish.headline and "prensa" not in text
    assert "smart grid" in text and "regidor" in text  # the store's terms and the settings'
    assert spanish.check is not None
    assert not [f for f in spanish.check["findings"] if f["check"] == "glossary"]

    # an editor's (or an engine's) version that ignores the glossary is flagged
    broken = replace(
        spanish,
        headline=spanish.headline.replace("nota", "comunicado"),
        body=[p.replace("smart grid", "red inteligente") for p in spanish.body],
        state=RenditionState.PENDING,
        check=None,
    )
    with wire.database.write() as conn:
        store.save_rendition(conn, broken)
    stage = GlossaryScope(
        CheckStage(wire.database, wire.settings.check),
        wire.database,
        wire.settings.translate.glossaries,
    )
    payload = {"story_id": story_id, "version": 1, "language": "es"}
    lease = Lease(1, "check", "check:x", payload, 1, "t", time.time() + 60)
    commit = asyncio.run(stage(lease))
    with wire.database.write() as conn:
        commit(conn)
        checked = store.get_rendition(conn, story_id, 1, "es")
    assert checked.state == RenditionState.NEEDS_REVIEW
    assert checked.check is not None
    found = [f for f in checked.check["findings"] if f["check"] == "glossary"]
    assert [(f["paragraph"], f["severity"], f["message"]) for f in found] == [
        (
            0,
            "major",
            "The glossary says 'press release' is 'nota' in es, and the translation does not "
            "have it.",
        ),
        (
            1,
            "major",
            "The glossary keeps 'smart grid' as written, and the translation does not have it.",
        ),
    ]

    # so is an editor's translation saved through the API
    with TestClient(create_app(wire)) as client:
        answer = client.put(
            f"/v1/stories/{story_id}/languages/es",
            json={"headline": spanish.headline, "body": broken.body},
        )
    assert answer.status_code == 200, answer.text
    with wire.database.read() as conn:
        edited = store.get_rendition(conn, story_id, 1, "es")
    assert edited.check is not None and edited.state == RenditionState.NEEDS_REVIEW
    assert [f["source"] for f in edited.check["findings"] if f["check"] == "glossary"] == [
        "smart grid"
    ]
