"""The review queue in the order an editor works it: the most urgent story first, then the one
due first — by its embargo when it has one, else by when it arrived, the oldest first — on the
API, the command line and the desk (issue 16: "sorted by urgency, age and embargo")."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner
from fastapi.testclient import TestClient
from newsroom.conftest import sign_in

from polywire.cli import main
from polywire.services import StoryService
from polywire.store.types import utcnow
from polywire.wire import Wire
from review.conftest import PASSWORD, held_story, received_in_spanish, run_jobs, token_for


def waiting_story(wire: Wire, jobs: str, *, embargo_hours: float | None = None) -> str:
    """A story of acme's whose Spanish waits for an editor (acme's policy: review)."""
    embargoed = utcnow() + timedelta(hours=embargo_hours) if embargo_hours else None
    return received_in_spanish(wire, jobs, embargoed=embargoed)


def test_the_queue_is_sorted_by_urgency_then_by_when_each_is_due(
    wire: Wire, client: TestClient
) -> None:
    editor = token_for(wire, "eve")
    policy = client.put(
        "/v1/review-policy",
        json={"rules": [{"language": "es", "policy": "review"}]},
        headers=editor,
    )
    assert policy.status_code == 200, policy.text
    oldest = waiting_story(wire, "501")
    urgent = waiting_story(wire, "502")
    embargoed = waiting_story(wire, "503", embargo_hours=2)
    newest = waiting_story(wire, "504")
    for story_id, urgency in ((oldest, 5), (urgent, 2), (embargoed, 5), (newest, 5)):
        corrected = client.post(
            f"/v1/stories/{story_id}/classification", json={"urgency": urgency}, headers=editor
        )
        assert corrected.status_code == 200, corrected.text
    expected = [urgent, oldest, newest, embargoed]

    queue = client.get("/v1/stories", params={"state": "needs-review"}, headers=editor)
    assert [s["id"] for s in queue.json()["stories"]] == expected
    everything = client.get("/v1/stories", headers=editor).json()["stories"]
    assert everything[0]["id"] != urgent  # other lists stay most recently updated first

    listed = CliRunner().invoke(
        main,
        [
            "stories",
            "--state",
            "needs-review",
            "--database-url",
            wire.settings.resolved_database_url,
        ],
    )
    assert listed.exit_code == 0, listed.output
    ids = [line.split()[0] for line in listed.output.splitlines() if not line.startswith(" ")]
    assert ids == expected  # each story's line, its headline indented under it

    sign_in(client, "eve", PASSWORD)
    desk = client.get("/desk", params={"state": "needs_review"}).text
    assert [desk.index(f'data-story="{s}"') for s in expected] == sorted(
        desk.index(f'data-story="{s}"') for s in expected
    )
    assert "urgency 2" in desk and "embargoed until" in desk
    live = client.get("/desk/stories.json", params={"state": "needs_review"}).json()
    assert [s["id"] for s in live["stories"]] == expected


def test_a_story_with_a_language_held_shows_needs_review_everywhere(wire: Wire) -> None:
    """The list, the story's own answer and `polywire show` agree on a held story's state."""
    story_id = held_story(wire)
    run_jobs(wire)
    assert StoryService(wire).story(None, story_id).to_json()["state"] == "needs_review"
    shown = CliRunner().invoke(
        main, ["show", story_id[:8], "--database-url", wire.settings.resolved_database_url]
    )
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines()[0].endswith("needs_review")
