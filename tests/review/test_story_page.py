"""The desk's story page as a signed-in user sees it: the JSON its script follows the story
through the stages with, the story's state as the lists show it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from newsroom.conftest import sign_in
from publish.flow import Flow

from polywire.wire import Wire
from review.conftest import PASSWORD, held_story


async def test_the_story_page_follows_its_story(wire: Wire, flow: Flow, client: TestClient) -> None:
    story_id = held_story(wire)
    await flow.settle()
    sign_in(client, "eve", PASSWORD)

    live = client.get(f"/desk/stories/{story_id}/live.json")
    assert live.status_code == 200
    found = live.json()
    assert found["state"] == "needs_review"
    assert found["version"] == 1
    assert found["languages"]["es"] == {
        "state": "needs_review",
        "verdict": "review",
        "has_text": True,
    }
    assert found["languages"]["en"]["state"] == "released"
    page = client.get(f"/desk/stories/{story_id}").text
    assert 'id="story-state" class="state state-needs_review"' in page
    assert f'data-live="/desk/stories/{story_id}/live.json"' in page
    assert '<script src="/static/story.js" defer></script>' in page
    client.cookies.clear()

    sign_in(client, "globex", PASSWORD)
    assert client.get(f"/desk/stories/{story_id}/live.json").status_code == 403
