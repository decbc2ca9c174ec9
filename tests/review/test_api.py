"""Review over the HTTP API (SQLite and PostgreSQL): approve, hold, a hand-made translation, and
"release everything ready", with the access rules of the desk."""

from __future__ import annotations

from fastapi.testclient import TestClient
from publish.flow import Flow, add_subscriber, webhook
from publish.receiver import Receiver
from standardwebhooks import Webhook

from polywire.domain import RenditionState
from polywire.translate.human import human_key
from polywire.translate.sql_memory import SqlMemory
from polywire.wire import Wire
from review.conftest import SPANISH_HEADLINE, held_story, spanish, state_of, token_for


async def test_a_held_translation_approved_over_the_api_is_released_and_delivered(
    wire: Wire, flow: Flow, client: TestClient, receiver: Receiver
) -> None:
    diario = add_subscriber(
        wire, "Diario", languages=["es"], destinations=webhook(receiver.url("diario"))
    )
    story_id = held_story(wire)
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW
    assert receiver.at("diario") == []

    approved = client.post(
        f"/v1/stories/{story_id}/languages/es/approve", headers=token_for(wire, "acme")
    )
    assert approved.status_code == 200, approved.text
    answer = approved.json()
    assert (answer["id"], answer["language"], answer["state"]) == (story_id, "es", "checked")
    assert answer["verdict"] == "review"  # what the check said stays on the record
    assert [f["check"] for f in answer["findings"]] == ["numbers"]
    assert answer["done"].startswith("es: approved for release, over the check's doubts (1 ")

    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.RELEASED
    await receiver.wait_for(1, "diario")
    [arrival] = receiver.at("diario")
    message = Webhook(str(diario["secret"])).verify(arrival.body, arrival.headers)
    assert message["type"] == "story.released"
    assert message["data"]["language"] == "es"
    assert message["data"]["headlines"][0]["value"] == SPANISH_HEADLINE

    again = client.post(
        f"/v1/stories/{story_id}/languages/es/hold", headers=token_for(wire, "acme")
    )
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["detail"] == "es: a released translation cannot change"


async def test_hold_then_release_everything_ready(
    wire: Wire, flow: Flow, client: TestClient
) -> None:
    story_id = held_story(wire)
    await flow.settle()
    editor = token_for(wire, "eve")
    fixed = client.put(
        f"/v1/stories/{story_id}/languages/es",
        json={"headline": SPANISH_HEADLINE, "body": spanish("500")},
        headers=editor,
    )
    assert fixed.json()["state"] == "checked"

    held = client.post(f"/v1/stories/{story_id}/languages/es/hold", headers=editor)
    assert held.status_code == 200, held.text
    assert (held.json()["state"], held.json()["done"]) == ("needs_review", "es: held for review")
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW  # nothing releases it

    released = client.post(f"/v1/stories/{story_id}/release", headers=editor)
    assert released.status_code == 200, released.text
    assert released.json()["approved"] == []  # English is out; a held language needs approval
    [left] = released.json()["left"]
    assert (left["language"], left["state"]) == ("es", "needs_review")
    assert left["done"] == "es: held for review: approve it on its own first"
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW
    approved = client.post(f"/v1/stories/{story_id}/languages/es/approve", headers=editor)
    assert approved.json()["done"] == "es: approved for release, over the check's doubts"
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.RELEASED
    nothing = client.post(f"/v1/stories/{story_id}/release", headers=editor)
    assert nothing.json() == {"id": story_id, "approved": [], "left": []}


async def test_a_translation_written_by_hand_is_checked_and_learnt(
    wire: Wire, flow: Flow, client: TestClient
) -> None:
    story_id = held_story(wire)
    await flow.settle()
    path = f"/v1/stories/{story_id}/languages/es"
    editor = token_for(wire, "eve")

    still_wrong = client.put(
        path, json={"headline": SPANISH_HEADLINE, "body": spanish("700")}, headers=editor
    )
    assert still_wrong.status_code == 200, still_wrong.text
    assert (still_wrong.json()["state"], still_wrong.json()["verdict"]) == (
        "needs_review",
        "review",
    )
    assert "700" in still_wrong.json()["findings"][0]["message"]

    fixed = client.put(
        path,
        json={"headline": f"  {SPANISH_HEADLINE} ", "body": ["", *spanish("500")]},
        headers=editor,
    )
    assert fixed.status_code == 200, fixed.text
    assert fixed.json() == {
        "id": story_id,
        "version": 1,
        "language": "es",
        "state": "checked",
        "verdict": "pass",
        "findings": [],
        "done": "es: saved, checked: pass",
    }
    shown = client.get(f"/v1/stories/{story_id}", headers=editor).json()
    [rendition] = [r for r in shown["versions"][0]["renditions"] if r["language"] == "es"]
    # the text came as the publisher's translation; the editor who changed it is named beside it
    assert (rendition["engine"], rendition["edited_by"]) == ("received", "eve")
    assert rendition["headline"] == SPANISH_HEADLINE

    source = "Acme Ltd opened a solar plant in Leeds on Monday, creating 500 jobs."
    key = human_key(source, "en", "es")
    assert SqlMemory(wire.database).lookup([key]) == {key: spanish("500")[0]}


async def test_who_may_review_what(wire: Wire, flow: Flow, client: TestClient) -> None:
    ours = held_story(wire, "acme")
    theirs = held_story(wire, "globex")
    await flow.settle()
    translation = {"headline": SPANISH_HEADLINE, "body": spanish("500")}

    assert client.post(f"/v1/stories/{ours}/languages/es/approve").status_code == 401
    for method, path, body in (
        ("POST", f"/v1/stories/{theirs}/languages/es/approve", None),
        ("POST", f"/v1/stories/{theirs}/languages/es/hold", None),
        ("PUT", f"/v1/stories/{theirs}/languages/es", translation),
        ("POST", f"/v1/stories/{theirs}/release", None),
    ):
        refused = client.request(method, path, json=body, headers=token_for(wire, "acme"))
        assert refused.status_code == 403, (path, refused.text)
        assert "belongs to another publisher" in refused.json()["detail"]
    assert state_of(wire, theirs) == RenditionState.NEEDS_REVIEW

    publisher = client.put(
        f"/v1/stories/{ours}/languages/es", json=translation, headers=token_for(wire, "acme")
    )
    assert publisher.status_code == 403
    assert publisher.json()["detail"] == "only editors and admins edit translations"
    admin = client.put(
        f"/v1/stories/{theirs}/languages/es", json=translation, headers=token_for(wire, "ada")
    )
    assert admin.status_code == 200 and admin.json()["state"] == "checked"


async def test_bad_requests_are_named(wire: Wire, flow: Flow, client: TestClient) -> None:
    story_id = held_story(wire)
    await flow.settle()
    editor = token_for(wire, "eve")

    def detail(response: object, status: int) -> str:
        assert response.status_code == status, response.text  # type: ignore[attr-defined]
        assert response.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
        return str(response.json()["detail"])  # type: ignore[attr-defined]

    unknown = client.post("/v1/stories/nope/languages/es/approve", headers=editor)
    assert detail(unknown, 404) == "story 'nope': no such story"
    german = client.post(f"/v1/stories/{story_id}/languages/de/approve", headers=editor)
    assert detail(german, 404) == (
        f"story '{story_id}' version 1 has no 'de' (its languages: en, es)"
    )
    garbage = client.post(f"/v1/stories/{story_id}/languages/e$/hold", headers=editor)
    assert "language e$: not a BCP 47 language tag" in detail(garbage, 422)
    source = client.put(
        f"/v1/stories/{story_id}/languages/en",
        json={"headline": "x", "body": ["y"]},
        headers=editor,
    )
    assert detail(source, 422) == "en: the source is changed by submitting a new version"
    empty = client.put(
        f"/v1/stories/{story_id}/languages/es",
        json={"headline": " ", "body": [" "]},
        headers=editor,
    )
    assert detail(empty, 422) == "es: a translation needs a headline and a body"
    no_body = client.put(
        f"/v1/stories/{story_id}/languages/es", json={"headline": "x"}, headers=editor
    )
    assert "body" in detail(no_body, 422)
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW


def test_the_review_routes_are_in_the_docs(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths["/v1/stories/{story_id}/languages/{language}"]) == {"put"}
    for action in ("approve", "hold"):
        assert "post" in paths[f"/v1/stories/{{story_id}}/languages/{{language}}/{action}"]
    assert "post" in paths["/v1/stories/{story_id}/release"]
