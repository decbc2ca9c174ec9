"""The subheadline through the doors: the API's submission field (checked as a headline is:
length, type, lone surrogates), the desk's submit and correction forms (which keep what was typed
when it is refused), and a correction of a translation keeps it."""

from __future__ import annotations

import asyncio
import json

from fastapi.testclient import TestClient
from newsroom.conftest import client, settings, sign_in, token_for, wire  # noqa: F401
from newsroom.test_pages import csrf_of

from polywire.domain import Scope
from polywire.ingest.subheadlines import MAX_SUBHEADLINE_CHARS
from polywire.publish.editorial.review import edit_translation
from polywire.services import StoryService
from polywire.wire import Wire

STORY = (
    "Acme opens a plant in Leeds\n\nLEEDS (BrandWire) - Acme Ltd opened a bicycle plant in Leeds "
    "on Monday that will employ 300 people and build 20,000 bicycles a year.\n\nThe plant cost "
    "12 million pounds, the company said in a statement on Monday."
)
SUB = "The plant will build 20,000 bicycles a year"
FORM = {
    "language": "en",
    "headline": "Acme opens a bicycle plant in Leeds",
    "located": "LEEDS",
    "body": "Acme Ltd opened a bicycle plant in Leeds on Monday that will employ 300 people.",
}
JSON = {"Content-Type": "application/json"}


def _submit(to: TestClient, **fields: object) -> object:
    document = {"content": STORY, "languages": [], **fields}
    return to.post("/v1/stories", content=json.dumps(document).encode(), headers=JSON)


def _authorise(to: TestClient, of: Wire, user: str = "acme") -> None:
    token = token_for(of, user, Scope.READ, Scope.WRITE)
    to.headers["Authorization"] = f"Bearer {token}"


def test_the_api_takes_a_subheadline_and_answers_it(
    client: TestClient,  # noqa: F811
    wire: Wire,  # noqa: F811
) -> None:
    _authorise(client, wire)
    answer = _submit(client, subheadline=f"  {SUB}\n")
    assert answer.status_code == 201, answer.text
    story = client.get(f"/v1/stories/{answer.json()['id']}").json()
    assert story["versions"][0]["subheadline"] == SUB
    upload = client.post(
        "/v1/stories",
        files={"file": ("other.txt", STORY.replace("Leeds", "York").encode())},
        data={"subheadline": "York gets a plant too", "languages": "", "new_story": "true"},
    )
    assert upload.status_code == 201, upload.text
    assert (
        StoryService(wire).story(None, upload.json()["id"]).versions[0].subheadline
        == "York gets a plant too"
    )


def test_the_api_refuses_a_bad_subheadline_by_name(
    client: TestClient,  # noqa: F811
    wire: Wire,  # noqa: F811
) -> None:
    _authorise(client, wire)
    for value, status, words in [
        ("x" * (MAX_SUBHEADLINE_CHARS + 1), 422, "more than 400"),
        (["a", "list"], 422, "as a string"),
    ]:
        answer = _submit(client, subheadline=value)
        assert answer.status_code == status, answer.text
        assert answer.json()["detail"].startswith("subheadline:"), answer.text
        assert words in answer.json()["detail"]
    broken = b'{"content": %s, "subheadline": "Solar \\ud800 farm"}' % json.dumps(STORY).encode()
    answer = client.post("/v1/stories", content=broken, headers=JSON)
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"].startswith("subheadline: holds a lone surrogate")
    assert client.get("/v1/stories").json() == {"stories": []}


def test_the_desk_forms_take_it_show_it_and_keep_it_when_refused(
    client: TestClient,  # noqa: F811
    wire: Wire,  # noqa: F811
) -> None:
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/submit").text)
    too_long = "y" * (MAX_SUBHEADLINE_CHARS + 1)
    refused = client.post("/desk/submit", data={**FORM, "csrf": csrf, "subheadline": too_long})
    assert refused.status_code == 422
    assert f'value="{too_long}"' in refused.text and "subheadline:" in refused.text

    sent = client.post(
        "/desk/submit", data={**FORM, "csrf": csrf, "subheadline": SUB}, follow_redirects=False
    )
    assert sent.status_code == 303, sent.text
    story_id = sent.headers["location"].rsplit("/", 1)[1]
    assert StoryService(wire).story(None, story_id).versions[0].subheadline == SUB
    page = client.get(f"/desk/stories/{story_id}").text
    assert f'<p class="subheadline" lang="en" dir="ltr">{SUB}</p>' in page
    assert f'name="subheadline" value="{SUB}"' in page

    corrected = client.post(
        f"/desk/stories/{story_id}/correct",
        data={
            "csrf": csrf_of(page),
            "headline": FORM["headline"],
            "subheadline": "The plant will build 25,000 bicycles a year",
            "body": FORM["body"],
            "reason": "Corrects the number of bicycles",
        },
        follow_redirects=False,
    )
    assert corrected.status_code == 303, corrected.text
    versions = StoryService(wire).story(None, story_id).versions
    assert [v.subheadline for v in versions] == [SUB, "The plant will build 25,000 bicycles a year"]


def test_a_correction_of_a_translation_keeps_the_subheadline(
    wire: Wire,  # noqa: F811
) -> None:
    submitted = StoryService(wire).submit(
        None, STORY.encode(), source="story.txt", languages=["es"], subheadline=SUB
    )
    asyncio.run(wire.worker().run_until_idle())
    spanish = next(
        r
        for r in StoryService(wire).story(None, submitted.story_id).renditions
        if r.language == "es"
    )
    assert spanish.subheadline and spanish.subheadline != SUB
    with wire.database.write() as conn:
        edit_translation(
            conn, wire, submitted.story_id, "es", spanish.headline,
            [*spanish.body[:-1], spanish.body[-1] + " Más."], None, note="Añade una frase",
        )  # fmt: skip
    asyncio.run(wire.worker().run_until_idle())
    view = StoryService(wire).story(None, submitted.story_id)
    assert [v.subheadline for v in view.versions] == [SUB, SUB]
    latest = [r for r in view.renditions if r.version == 2]
    assert {r.language: r.subheadline for r in latest} == {"en": SUB, "es": spanish.subheadline}


def test_an_editor_writes_the_subheadline_of_a_translation(
    client: TestClient,  # noqa: F811
    wire: Wire,  # noqa: F811
) -> None:
    _authorise(client, wire, "ada")  # an admin: publishers write no translations
    submitted = StoryService(wire).submit(
        None,
        STORY.encode(),
        source="story.txt",
        languages=["es"],
        subheadline=SUB,
        publisher="acme",
    )
    asyncio.run(wire.worker().run_until_idle())
    spanish = next(
        r
        for r in StoryService(wire).story(None, submitted.story_id).renditions
        if r.language == "es"
    )
    assert spanish.state.value == "released"
    better = "La planta fabricará 20.000 bicicletas al año"
    answer = client.put(
        f"/v1/stories/{submitted.story_id}/languages/es",
        json={
            "headline": spanish.headline,
            "body": spanish.body,
            "subheadline": better,
            "note": "Mejora el subtítulo",
        },
    )
    assert answer.status_code == 200, answer.text
    asyncio.run(wire.worker().run_until_idle())
    view = StoryService(wire).story(None, submitted.story_id)
    assert len(view.versions) == 2  # only the subheadline changed: still a correction
    corrected = next(r for r in view.renditions if r.version == 2 and r.language == "es")
    assert corrected.subheadline == better
    too_long = client.put(
        f"/v1/stories/{submitted.story_id}/languages/es",
        json={"headline": "h", "body": ["b"], "subheadline": "z" * 401, "note": "n"},
    )
    assert too_long.status_code == 422 and "subheadline" in too_long.text
