"""`polywire review edit` reads a subheadline from its file: the line right under the headline,
as `polywire show` prints it; without one the translation keeps its own (issue 19)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from review.conftest import SPANISH_HEADLINE, STORY, spanish

from cli.conftest import Polywire
from polywire.cli.review import TranslationFile, read_translation
from polywire.domain import BadInput, Rendition, RenditionState
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.web.review import Translation
from polywire.wire import Wire

SUB = "The plant will make 20,000 panels a year"
SPANISH_SUB = "La planta fabricará 20.000 paneles al año"


def _file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "es.txt"
    path.write_text(text, "utf-8")
    return str(path)


def test_the_file_format(tmp_path: Path) -> None:
    body = "\n\n".join(spanish("500"))
    given = read_translation(
        _file(tmp_path, f"{SPANISH_HEADLINE}\r\n {SPANISH_SUB} \r\n\r\n{body}")
    )
    assert given == TranslationFile(SPANISH_HEADLINE, spanish("500"), SPANISH_SUB)
    assert Translation(**given.to_json()).subheadline == SPANISH_SUB  # what the API takes
    kept = read_translation(_file(tmp_path, f"{SPANISH_HEADLINE}\n\n{body}\n"))
    assert kept == TranslationFile(SPANISH_HEADLINE, spanish("500"), None)
    for bad in (f"{SPANISH_HEADLINE}\n{SPANISH_SUB}\nmore\n\n{body}", SPANISH_HEADLINE, ""):
        with pytest.raises(BadInput, match="the subheadline \\(if any\\) on the next"):
            read_translation(_file(tmp_path, bad))


def test_review_edit_writes_the_subheadline(wire: Wire, polywire: Polywire, tmp_path: Path) -> None:
    story_id = (
        StoryService(wire)
        .submit(None, STORY, source="story.txt", language="en", subheadline=SUB)
        .story_id
    )
    with wire.database.write() as conn:
        rendition = Rendition(
            story_id,
            1,
            "es",
            RenditionState.PENDING,
            headline=SPANISH_HEADLINE,
            body=spanish("600"),
            engine="received",
            subheadline="La planta fabricará paneles",
        )
        store.save_rendition(conn, rendition)
        wire.pipeline.check_received(conn, rendition)
    asyncio.run(wire.worker().run_until_idle())

    body = "\n\n".join(spanish("500"))
    file = _file(tmp_path, f"{SPANISH_HEADLINE}\n{SPANISH_SUB}\n\n{body}\n")
    edited = polywire("review", "edit", story_id, "-l", "es", file)
    assert edited.exit_code == 0, edited.output
    with wire.database.read() as conn:
        saved = store.get_rendition(conn, story_id, 1, "es")
    assert (saved.subheadline, saved.body) == (SPANISH_SUB, spanish("500"))
    shown = polywire("show", story_id).output.splitlines()
    headline = shown.index(f"    {SPANISH_HEADLINE}")
    assert shown[headline + 1] == f"    {SPANISH_SUB}"  # as the file gave it
