"""The desk's story page as a signed-in user sees it: the JSON its script follows the story
through the stages with, the story's state as the lists show it, the version history with each
correction's line and diff, and an embargo's countdown."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from newsroom.conftest import sign_in
from newsroom.test_pages import csrf_of
from publish.flow import Flow

from polywire.services import StoryService
from polywire.web.pages.history import countdown
from polywire.wire import Wire
from review.conftest import PASSWORD, STORY, held_story


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


async def test_versions_with_their_correction_and_diff(
    wire: Wire, flow: Flow, client: TestClient
) -> None:
    story_id = held_story(wire)
    await flow.settle()
    sign_in(client, "eve", PASSWORD)
    page = f"/desk/stories/{story_id}"
    first = client.get(page).text
    assert "Version history" in first and "What changed" not in first
    corrected = client.post(
        f"{page}/correct",
        data={
            "csrf": csrf_of(first),
            "headline": "Acme opens a solar plant in Leeds",
            "body": "LEEDS (Polywire) – Acme Ltd opened a solar plant in Leeds on Monday, "
            "creating 550 jobs.\n\nThe plant will make 20,000 panels a year from 2027.",
            "reason": "The plant creates 550 jobs, not 500.",
        },
        follow_redirects=False,
    )
    assert corrected.status_code == 303
    await flow.settle()
    shown = client.get(page).text
    history = shown.split('id="history"')[1].split("</section>")[0]
    assert history.index("Version 2") < history.index("Version 1")
    assert "Correction: The plant creates 550 jobs, not 500." in history
    assert "What changed from version 1" in history
    assert "<del>500</del><ins>550</ins>" in history
    assert "20,000 panels" not in history  # an unchanged paragraph is not repeated


def test_an_embargoed_story_counts_down(wire: Wire, client: TestClient) -> None:
    embargo = datetime.now(UTC) + timedelta(hours=2)
    story_id = (
        StoryService(wire)
        .submit(None, STORY, source="story.txt", language="en", embargoed=embargo)
        .story_id
    )
    sign_in(client, "ada", PASSWORD)
    shown = client.get(f"/desk/stories/{story_id}").text
    assert 'id="embargo-countdown" data-until="' in shown
    assert re.search(r"Embargo lifts in <span[^>]*>1 h 59 min \d+ s</span>", shown)
    assert '<script src="/static/countdown.js" defer></script>' in shown
    assert countdown(timedelta(days=2, seconds=62)) == "2 d 0 h 1 min 2 s"
    assert countdown(timedelta(seconds=-5)) == "0 s"


def test_the_stories_list_counts_down_to_each_embargo(wire: Wire, client: TestClient) -> None:
    embargo = datetime.now(UTC) + timedelta(days=1, hours=2)
    held = (
        StoryService(wire)
        .submit(None, STORY, source="story.txt", language="en", embargoed=embargo)
        .story_id
    )
    lifted = datetime.now(UTC) - timedelta(hours=1)
    other = (
        b"Globex wins a rail contract\n\nOSLO (Polywire) - Globex Ltd won a contract on Monday to "
        b"build 40 trains for the Norwegian railways, the company said.\n"
    )
    StoryService(wire).submit(None, other, source="other.txt", language="en", embargoed=lifted)
    sign_in(client, "ada", PASSWORD)
    desk = client.get("/desk").text
    row = desk.split(f'data-story="{held}"')[1].split("</tr>")[0]
    until = embargo.strftime("%Y-%m-%d %H:%M UTC")
    assert re.search(
        rf'embargoed until {until} · lifts in <span data-until="[^"]+">1 d 1 h 59 min \d+ s</span>',
        row,
    )
    assert desk.count("data-until=") == 1  # a lifted embargo no longer counts down
    assert '<script src="/static/countdown.js" defer></script>' in desk
