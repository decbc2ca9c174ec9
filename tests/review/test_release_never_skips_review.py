""" "Release all ready languages" never releases a language held for review: it says which it left
out and why, a held language needs its own approval (which names its findings), and the desk asks
before it releases, withdraws or rotates a secret (issue 16, finding 2)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from newsroom.conftest import sign_in
from newsroom.test_pages import csrf_of
from publish.flow import Flow

from polywire.domain import RenditionState
from polywire.wire import Wire
from review.conftest import PASSWORD, held_story, state_of, token_for


async def test_release_all_leaves_a_held_language_out_and_names_its_findings(
    wire: Wire, flow: Flow, client: TestClient
) -> None:
    story_id = held_story(wire)
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW
    editor = token_for(wire, "eve")

    released = client.post(f"/v1/stories/{story_id}/release", headers=editor)
    assert released.status_code == 200, released.text
    [left] = released.json()["left"]
    assert left["language"] == "es" and left["findings"]
    assert left["done"].startswith("es: held for review: approve it on its own first (1 finding")
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW  # never released by "all"

    approved = client.post(f"/v1/stories/{story_id}/languages/es/approve", headers=editor)
    done = approved.json()["done"]
    assert done.startswith("es: approved for release, over the check's doubts (1 finding: ")
    assert "600" in done or "500" in done  # the finding is named
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.RELEASED


async def test_the_desk_asks_before_it_releases(wire: Wire, flow: Flow, client: TestClient) -> None:
    story_id = held_story(wire)
    await flow.settle()
    page = f"/desk/stories/{story_id}"
    sign_in(client, "eve", PASSWORD)
    csrf = csrf_of(client.get(page).text)
    asked = client.post(f"{page}/release", data={"csrf": csrf})
    assert asked.status_code == 200
    assert "Left out es: held for review: approve it on its own first (1 finding" in asked.text
    assert 'name="confirm" value="yes"' in asked.text
    assert "<script" not in asked.text  # the step needs no script (a CSP forbids inline ones)
    await flow.settle()
    assert state_of(wire, story_id) == RenditionState.NEEDS_REVIEW


def test_the_desk_asks_before_it_rotates_a_secret(wire: Wire, client: TestClient) -> None:
    sign_in(client, "acme", PASSWORD)
    csrf = csrf_of(client.get("/desk/subscribers").text)
    added = client.post(
        "/desk/subscribers",
        data={
            "csrf": csrf,
            "name": "Leeds Daily",
            "languages": "en",
            "destination": "webhook:https://hooks.example/leeds",
        },
    )
    secret = re.search(r"whsec_[A-Za-z0-9+/=]+", added.text).group(0)  # type: ignore[union-attr]
    destination = re.search(r'href="/desk/destinations/([0-9a-f]+)"', added.text).group(1)  # type: ignore[union-attr]
    path = f"/desk/destinations/{destination}/rotate-secret"
    asked = client.post(path, data={"csrf": csrf})
    assert asked.status_code == 200 and "Rotate this webhook&#39;s signing secret?" in asked.text
    assert "whsec_" not in asked.text
    rotated = client.post(path, data={"csrf": csrf, "confirm": "yes"})
    assert "New secret: whsec_" in rotated.text and secret not in rotated.text
