"""Correcting a released translation (issue 16, finding 3: a released translation could not be
corrected): an editor's new text is checked and released as a correction — a new version with
its note — to everyone who got that language, on every channel; readers of the other languages
are not sent it. Each translation says how it was made: "Machine translated by Apertium",
"…, edited by an editor"."""

from __future__ import annotations

import email
from collections.abc import Iterator
from email.message import Message
from email.policy import default
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import feedparser
import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from fastapi.testclient import TestClient
from helpers import free_port
from newsroom.conftest import sign_in
from newsroom.test_pages import csrf_of
from publish.flow import add_subscriber, webhook
from publish.receiver import Receiver
from standardwebhooks import Webhook

from polywire.cli import main
from polywire.domain import Rendition, RenditionState
from polywire.publish.editorial import review
from polywire.publish.formats.ninjs import validate_ninjs
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.wire import Wire
from review.conftest import (
    PASSWORD,
    SPANISH_HEADLINE,
    STORY,
    add_people,
    spanish,
    token_for,
    wire_settings,
)

NOTE = "La planta la inauguró Acme, no la abrió"
MACHINE = "Traducción automática de Apertium"
EDITED = "Traducción automática de Apertium, revisada por un editor"


class Mailbox:
    def __init__(self) -> None:
        self.received: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(email.message_from_bytes(envelope.original_content, policy=default))
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    handler = Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture
def wire(tmp_path: Path, database_url: str, mailbox: tuple[Mailbox, int]) -> Iterator[Wire]:
    settings = wire_settings(tmp_path / "data", database_url)
    settings = settings.model_copy(
        update={
            "deliver": settings.deliver.model_copy(
                update={"smtp_port": mailbox[1], "public_url": "http://wire.test"}
            )
        }
    )
    opened = Wire(settings)
    add_people(opened)
    yield opened
    opened.close()


async def released_by_apertium(wire: Wire) -> str:
    """A story released in English and in Spanish, the Spanish as Apertium made it (approved by
    an editor if the review policy holds it)."""
    story_id = (
        StoryService(wire)
        .submit(None, STORY, source="story.txt", language="en", publisher="acme")
        .story_id
    )
    with wire.database.write() as conn:
        rendition = Rendition(
            story_id,
            1,
            "es",
            RenditionState.PENDING,
            headline=SPANISH_HEADLINE,
            body=spanish("500"),
            engine="apertium",
            model="en-es",
        )
        store.save_rendition(conn, rendition)
        wire.pipeline.check_received(conn, rendition)
    await released(wire, story_id, 1)
    return story_id


async def settle(wire: Wire) -> None:
    await wire.worker().run_until_idle()


async def released(wire: Wire, story_id: str, version: int) -> None:
    """Run the jobs; approve the Spanish if it waits for an editor; run the release."""
    await settle(wire)
    with wire.database.write() as conn:
        if store.get_rendition(conn, story_id, version, "es").state != RenditionState.RELEASED:
            review.approve(conn, wire, story_id, "es", None)
    await settle(wire)
    with wire.database.read() as conn:
        assert store.get_rendition(conn, story_id, version, "es").state == RenditionState.RELEASED


def corrected_body() -> list[str]:
    first, second = spanish("500")
    return [first.replace("abrió", "inauguró"), second]


def hooks(receiver: Receiver, path: str, secret: str) -> list[dict[str, Any]]:
    return [Webhook(secret).verify(a.body, a.headers) for a in receiver.at(path)]


def text_of(message: Message) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


async def test_a_released_translation_is_corrected_on_every_channel(
    wire: Wire, receiver: Receiver, client: TestClient, mailbox: tuple[Mailbox, int]
) -> None:
    spanish_desk = add_subscriber(
        wire,
        "el-diario",
        languages=["es"],
        destinations=[
            *webhook(receiver.url("ninjs2")),
            *webhook(receiver.url("ninjs3"), "ninjs3"),
            *webhook(receiver.url("json"), "json"),
            {"channel": "email", "address": "ana@diario.test"},
        ],
    )
    english_desk = add_subscriber(wire, "the-times", destinations=webhook(receiver.url("en")))
    secrets = {d.address.rsplit("/", 1)[-1]: d.secret for d in spanish_desk["destinations"]}
    story_id = await released_by_apertium(wire)
    first = hooks(receiver, "ninjs2", str(secrets["ninjs2"]))[0]["data"]
    assert {"name": "Apertium", "role": "machine-translator"} in first["infosources"]
    assert MACHINE in first["bodies"][1]["value"]

    path = f"/v1/stories/{story_id}/languages/es"
    editor = token_for(wire, "eve")
    text = {"headline": SPANISH_HEADLINE, "body": corrected_body()}
    unsaid = client.put(path, json=text, headers=editor)
    assert unsaid.status_code == 422
    assert "note: es was released: say what the correction changes" in unsaid.text
    same = client.put(path, json={**text, "body": spanish("500"), "note": NOTE}, headers=editor)
    assert same.status_code == 422 and "nothing to correct" in same.text

    corrected = client.put(path, json={**text, "note": NOTE}, headers=editor)
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["done"] == (
        "es: corrected as version 2, checked: pass; released as a correction"
    )
    await settle(wire)

    # webhooks: verified, a correction of version 2 in every format, only to the Spanish desk
    for name in ("ninjs2", "ninjs3", "json"):
        got = hooks(receiver, name, str(secrets[name]))
        assert [m["type"] for m in got] == ["story.released", "story.corrected"], name
    ninjs2 = hooks(receiver, "ninjs2", str(secrets["ninjs2"]))[1]["data"]
    validate_ninjs(ninjs2)
    assert (ninjs2["version"], ninjs2["pubstatus"]) == ("2", "usable")
    assert ninjs2["ednote"] == f"Corrección: esta versión sustituye a una anterior. Motivo: {NOTE}"
    assert "inauguró" in ninjs2["bodies"][0]["value"]
    assert {"name": "editor", "role": "translation-editor"} in ninjs2["infosources"]
    assert EDITED in ninjs2["bodies"][1]["value"]
    ninjs3 = hooks(receiver, "ninjs3", str(secrets["ninjs3"]))[1]["data"]
    validate_ninjs(ninjs3)
    assert ninjs3["edNote"].endswith(NOTE)
    document = hooks(receiver, "json", str(secrets["json"]))[1]["data"]
    assert document["translation"] == {
        "kind": "edited",
        "engines": ["Apertium"],
        "edited_by": "eve",
    }
    assert document["translated_by"] == EDITED
    english = hooks(receiver, "en", str(english_desk["secret"]))
    assert [m["type"] for m in english] == ["story.released"]

    # e-mail: the correction reaches the reader who got the translation
    messages = mailbox[0].received
    assert len(messages) == 2
    assert MACHINE in text_of(messages[0]) and EDITED not in text_of(messages[0])
    body = text_of(messages[1])
    assert NOTE in body and "inauguró" in body and EDITED in body

    # feeds: the Spanish entry is the correction, once
    feed = feedparser.parse(client.get("/feeds/es/all.atom").content)
    [entry] = feed.entries
    assert NOTE in entry.content[0].value and "inauguró" in entry.content[0].value
    assert EDITED in entry.content[0].value

    # the public page says it was corrected and how it was translated; the English is unchanged
    page = client.get(f"/news/es/{story_id}")
    assert page.status_code == 200
    assert f"Corregido: {NOTE}" in page.text and EDITED in page.text
    with wire.database.read() as conn:  # lists of released stories: the English did not change
        carried = store.get_rendition(conn, story_id, 2, "en")
        assert carried.updated == store.get_rendition(conn, story_id, 1, "en").updated
    source_page = client.get(f"/news/en/{story_id}")
    assert source_page.status_code == 200
    assert "Corrected" not in source_page.text and "translated" not in source_page.text

    shown = client.get(f"/v1/stories/{story_id}", headers=editor).json()
    assert shown["latest_version"] == 2
    assert shown["versions"][1]["correction_reason"] == NOTE
    languages = {r["language"]: r for r in shown["versions"][1]["renditions"]}
    assert (languages["es"]["engine"], languages["es"]["edited_by"]) == ("apertium", "eve")
    assert (languages["en"]["state"], languages["en"]["carried_from"]) == ("released", 1)


async def test_a_correction_the_check_doubts_waits_and_the_released_text_stays_up(
    wire: Wire, client: TestClient
) -> None:
    story_id = await released_by_apertium(wire)
    path = f"/v1/stories/{story_id}/languages/es"
    editor = token_for(wire, "eve")
    doubted = client.put(
        path,
        json={"headline": SPANISH_HEADLINE, "body": spanish("600"), "note": "600 empleos"},
        headers=editor,
    )
    assert doubted.status_code == 200, doubted.text
    answer = doubted.json()
    assert (answer["version"], answer["state"]) == (2, "needs_review")
    assert answer["done"].startswith("es: corrected as version 2, checked: review; held for")
    await settle(wire)
    page = client.get(f"/news/es/{story_id}")
    assert page.status_code == 200 and "500 empleos" in page.text  # version 1's, still up
    listed = client.get("/v1/stories?state=needs-review", headers=editor).json()["stories"]
    assert [s["id"] for s in listed] == [story_id]

    approved = client.post(f"{path}/approve", headers=editor)
    assert approved.status_code == 200, approved.text
    await settle(wire)
    page = client.get(f"/news/es/{story_id}")
    assert "600 empleos" in page.text and "Corregido: 600 empleos" in page.text


async def test_a_correction_from_the_desk_and_the_command_line(
    wire: Wire, client: TestClient, tmp_path: Path
) -> None:
    story_id = await released_by_apertium(wire)
    page = f"/desk/stories/{story_id}"
    sign_in(client, "eve", PASSWORD)
    shown = client.get(page).text
    assert "Correct the released español translation" in shown
    form = {
        "csrf": csrf_of(shown),
        "headline": SPANISH_HEADLINE,
        "body": "\n\n".join(corrected_body()),
        "note": NOTE,
    }
    saved = client.post(f"{page}/languages/es/edit", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert unquote(saved.headers["location"]).endswith(
        "done=es: corrected as version 2, checked: pass; released as a correction"
    )
    await settle(wire)

    file = tmp_path / "es.txt"
    file.write_text(f"{SPANISH_HEADLINE}\n\n" + "\n\n".join(spanish("500")) + "\n", "utf-8")
    data_dir = str(wire.settings.data_dir)
    where = ["--data-dir", data_dir, "--database-url", wire.settings.resolved_database_url]
    command = ["review", "edit", story_id, str(file), "-l", "es", *where]
    runner = CliRunner()
    unsaid = runner.invoke(main, command)
    assert unsaid.exit_code == 2
    assert "note: es was released: say what the correction changes" in unsaid.output
    done = runner.invoke(main, [*command, "--note", "back to 'abrió'"])
    assert done.exit_code == 0, done.output
    assert "es: corrected as version 3, checked: pass; released as a correction" in done.output


async def test_a_new_source_version_keeps_the_editors_correction(
    wire: Wire, client: TestClient
) -> None:
    """Issue 16, finding 3: a new source version re-released the machine's words. The memory
    learns the correction, and Apertium translates only the paragraph that changed."""
    story_id = (
        StoryService(wire)
        .submit(None, STORY, source="story.txt", language="en", publisher="acme", languages=["es"])
        .story_id
    )
    await released(wire, story_id, 1)
    with wire.database.read() as conn:
        machine = store.get_rendition(conn, story_id, 1, "es")
    assert machine.engine == "apertium"
    ours = "Acme Ltd inauguró el lunes en Leeds una planta solar que crea 500 empleos."
    editor = token_for(wire, "eve")
    answer = client.put(
        f"/v1/stories/{story_id}/languages/es",
        json={"headline": machine.headline, "body": [ours, *machine.body[1:]], "note": NOTE},
        headers=editor,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] == 2
    await released(wire, story_id, 2)

    update = STORY.replace(b"20,000 panels", b"30,000 panels")
    StoryService(wire).submit(
        None,
        update,
        source="story.txt",
        update_of=story_id,
        correction_reason="30,000",
        languages=["es"],
    )
    await released(wire, story_id, 3)
    with wire.database.read() as conn:
        again = store.get_rendition(conn, story_id, 3, "es")
    assert again.body[0] == ours
    assert "30.000" in again.body[1] or "30,000" in again.body[1]
    assert again.engine == "apertium+human"
    page = client.get(f"/news/es/{story_id}").text
    assert EDITED in page and "Corregido: 30,000" in page
