"""A review queue: a story's state is the worst of its languages, so a story one of whose
languages waits for an editor shows `needs_review` (not `released`), and that state can be
filtered on in the API, on the command line and on the desk, whose header counts it (issue 16,
finding 4: a story whose translations needed review showed "released", and "held" found nothing).
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from newsroom.conftest import sign_in
from publish.flow import Flow

from polywire.services import StoryService
from polywire.wire import Wire
from review.conftest import PASSWORD, STORY, held_story, run_jobs, token_for
from review.test_cli import polywire, store_wire  # noqa: F401  (a fixture)

HEADLINE = "Acme opens a solar plant in Leeds"


async def test_a_story_waiting_for_review_is_in_the_queue(
    wire: Wire, flow: Flow, client: TestClient
) -> None:
    held = held_story(wire)
    other = StoryService(wire).submit(
        None, STORY.replace(b"Leeds", b"York"), source="york.txt", new_story=True
    )
    await flow.settle()
    editor = token_for(wire, "eve")

    listed = client.get("/v1/stories", headers=editor).json()["stories"]
    states = {s["id"]: (s["state"], s["languages"]) for s in listed}
    assert states[held] == ("needs_review", {"en": "released", "es": "needs_review"})
    queue = client.get("/v1/stories", params={"state": "needs-review"}, headers=editor)
    assert [s["id"] for s in queue.json()["stories"]] == [held]
    released = client.get(
        "/v1/stories", params={"state": "released"}, headers=token_for(wire, "ada")
    )
    assert [s["id"] for s in released.json()["stories"]] == [other.story_id]
    bad = client.get("/v1/stories", params={"state": "stuck"}, headers=editor)
    assert bad.status_code == 422 and "unknown state 'stuck'" in bad.json()["detail"]

    sign_in(client, "eve", PASSWORD)
    desk = client.get("/desk")
    assert "Needs review: 1" in desk.text
    queued = client.get("/desk", params={"state": "needs-review"})
    assert queued.status_code == 200 and HEADLINE in queued.text
    assert "Acme opens a solar plant in York" not in queued.text
    empty = client.get("/desk", params={"state": "withdrawn"})
    assert "No stories in state withdrawn" in empty.text and "No stories yet" not in empty.text
    live = client.get("/desk/stories.json", params={"state": "needs_review"}).json()
    assert [(s["id"], s["state"]) for s in live["stories"]] == [(held, "needs_review")]


def test_the_command_line_lists_the_queue(
    store_wire: Wire,  # noqa: F811
    subprocess_env: dict[str, str],
) -> None:
    held = held_story(store_wire)
    other = StoryService(store_wire).submit(
        None, STORY.replace(b"Leeds", b"York"), source="york.txt", new_story=True
    )
    run_jobs(store_wire)
    store_wire.close()
    listed = polywire(subprocess_env, "stories", "--state", "needs-review")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith(f"{held}  v1  needs_review  en:released es:needs_review")
    assert other.story_id not in listed.stdout
    everything = polywire(subprocess_env, "stories").stdout
    assert (
        f"{held}  v1  needs_review" in everything
        and f"{other.story_id}  v1  released" in everything
    )
    bad = polywire(subprocess_env, "stories", "--state", "stuck")
    assert bad.returncode == 2 and "--state: unknown state 'stuck'" in bad.stderr
