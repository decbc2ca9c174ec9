"""The desk's review page keeps its behaviour now that its actions are shared with the API."""

from __future__ import annotations

from urllib.parse import unquote

from fastapi.testclient import TestClient
from newsroom.conftest import sign_in
from newsroom.test_pages import csrf_of
from publish.flow import Flow

from polywire.domain import RenditionState
from polywire.wire import Wire
from review.conftest import PASSWORD, SPANISH_HEADLINE, held_story, spanish, state_of


async def test_hold_approve_and_edit_on_the_desk(
    wire: Wire, flow: Flow, client: TestClient
) -> None:
    story_id = held_story(wire)
    await flow.settle()
    page = f"/desk/stories/{story_id}"

    sign_in(client, "acme", PASSWORD)
    csrf = csrf_of(client.get(page).text)
    edit = {"csrf": csrf, "headline": SPANISH_HEADLINE, "body": "\n\n".join(spanish("500"))}
    refused = client.post(f"{page}/languages/es/edit", data=edit)
    assert refused.status_code == 403 and "only editors and admins" in refused.text
    client.cookies.clear()

    sign_in(client, "eve", PASSWORD)
    csrf = csrf_of(client.get(page).text)
    saved = client.post(
        f"{page}/languages/es/edit", data={**edit, "csrf": csrf}, follow_redirects=False
    )
    assert unquote(saved.headers["location"]).endswith("done=es: saved, checked: pass")
    held = client.post(f"{page}/languages/es/hold", data={"csrf": csrf}, follow_redirects=False)
    assert unquote(held.headers["location"]).endswith("done=es: held for review")
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW

    asked = client.post(f"{page}/release", data={"csrf": csrf}, follow_redirects=False)
    assert asked.status_code == 200 and "Nothing is ready to release" in asked.text
    assert "Left out es: held for review: approve it on its own first" in asked.text
    released = client.post(
        f"{page}/release", data={"csrf": csrf, "confirm": "yes"}, follow_redirects=False
    )
    assert unquote(released.headers["location"]).endswith(
        "done=approved for release: nothing left to release; "
        "left out es: held for review: approve it on its own first"
    )
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW
    asked = client.post(f"{page}/languages/es/approve", data={"csrf": csrf})
    assert asked.status_code == 200 and "Approve es for release?" in asked.text
    assert "The check found nothing to doubt." in asked.text
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW  # nothing done yet
    approved = client.post(
        f"{page}/languages/es/approve",
        data={"csrf": csrf, "confirm": "yes"},
        follow_redirects=False,
    )
    assert unquote(approved.headers["location"]).endswith(
        "done=es: approved for release, over the check's doubts"
    )
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.RELEASED
    again = client.post(f"{page}/languages/es/approve", data={"csrf": csrf})
    assert again.status_code == 422 and "a released translation cannot change" in again.text
