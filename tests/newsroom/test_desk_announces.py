"""The desk says when a story sent from its form became a new version of one the wire holds, and
its "a story of its own" box keeps it apart (issue 16, finding 1)."""

from __future__ import annotations

from urllib.parse import unquote

from fastapi.testclient import TestClient

from newsroom.conftest import sign_in
from newsroom.test_pages import csrf_of
from polywire.services import StoryService
from polywire.wire import Wire

BODY = (
    "LEEDS (Acme) - Acme Ltd opened a bicycle plant in Leeds on Monday that will employ 300 "
    "people and build 20,000 bicycles a year.\n\nThe plant cost 12 million pounds, the company "
    "said on Monday in a statement."
)


def send(client: TestClient, csrf: str, body: str, **more: str) -> str:
    sent = client.post(
        "/desk/submit",
        data={
            "csrf": csrf,
            "language": "en",
            "headline": "Acme opens a bicycle plant in Leeds",
            "body": body,
            **more,
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    return unquote(sent.headers["location"])


def test_the_desk_announces_a_new_version(client: TestClient, wire: Wire) -> None:
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/submit").text)
    first = send(client, csrf, BODY)
    story_id = first.rsplit("/", 1)[1]
    assert "done=" not in first
    second = send(client, csrf, BODY.replace("300", "350"))
    assert second.startswith(f"/desk/stories/{story_id}?done=stored as version 2 of {story_id} ")
    assert "'Acme opens a bicycle plant in Leeds' (same story, score " in second
    own = send(client, csrf, BODY.replace("300", "380"), new_story="true")
    assert story_id not in own and "done=" not in own
    assert StoryService(wire).story(None, story_id).story.latest_version == 2
