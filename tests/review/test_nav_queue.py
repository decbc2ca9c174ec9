"""The review queue's length is in every desk page's nav (issue 19: it was on the stories page
only): read with the session, one count per page and per answer of the JSON the pages poll
(their scripts keep the nav's count live with it); counted in the viewer's scope, and in the
page's language on a public page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from fastapi.testclient import TestClient
from newsroom.conftest import sign_in
from publish.flow import Flow
from sqlalchemy import event

from polywire.wire import Wire
from review.conftest import PASSWORD, held_story

DESK_PAGES = (
    "/desk",
    "/desk/submit",
    "/desk/subscribers",
    "/desk/review-policy",
    "/desk/glossary",
    "/desk/tokens",
    "/desk/health",
)


@contextmanager
def counted_queues(wire: Wire) -> Iterator[list[str]]:
    """The statements that count the review queue, as they run."""
    seen: list[str] = []

    def statement(*args: object) -> None:
        sql = str(args[2]).lower()
        if sql.startswith("select count(") and "renditions.state" in sql:
            seen.append(sql)

    event.listen(wire.database.engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(wire.database.engine, "before_cursor_execute", statement)


def queue_link(html: str) -> str | None:
    found = re.search(r'<nav aria-label="[^"]+">.*?</nav>', html, re.S)
    assert found is not None
    link = re.search(r'<a href="/desk\?state=needs_review"[^>]*>([^<]*)</a>', found.group(0))
    return link.group(1) if link else None


async def test_every_desk_page_counts_the_queue_once(
    wire: Wire, flow: Flow, client: TestClient
) -> None:
    story_id = held_story(wire)
    await flow.settle()
    sign_in(client, "eve", PASSWORD)  # acme's editor: the held story is acme's
    pages = (*DESK_PAGES, f"/desk/stories/{story_id}", f"/desk/stories/{story_id}/report")
    for path in pages:
        with counted_queues(wire) as counts:
            answer = client.get(path)
        assert answer.status_code == 200, path
        assert queue_link(answer.text) == "Needs review: 1", path
        assert len(counts) == 1, (path, counts)
    for path in ("/desk/stories.json", f"/desk/stories/{story_id}/live.json"):
        with counted_queues(wire) as counts:
            answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.json()["needs_review"] == 1, path  # the polls keep the nav's count live
        assert len(counts) == 1, (path, counts)

    # on a public page the signed-in nav speaks the page's language
    assert queue_link(client.get(f"/news/en/{story_id}").text) == "Needs review: 1"
    assert queue_link(client.get("/news/es").text) == "Pendientes de revisión: 1"
    client.cookies.clear()
    assert queue_link(client.get(f"/news/en/{story_id}").text) is None  # nobody signed in

    sign_in(client, "globex", PASSWORD)  # another publisher: none of theirs waits
    assert queue_link(client.get("/desk/subscribers").text) == "Needs review: 0"
