"""The review page shows the subheadline on a labelled row of its own under the headline, source
and translation side by side, with the check's findings on it (the check reads it after the body,
and numbers it so), named so when an approval asks first, and the edit form writes it; the
version history's diff shows it (issue 19)."""

from __future__ import annotations

import re
from dataclasses import replace

from fastapi.testclient import TestClient
from newsroom.conftest import sign_in
from newsroom.test_pages import csrf_of
from publish.flow import Flow

from polywire.domain import Rendition, RenditionState
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.web.pages.history import history
from polywire.wire import Wire
from review.conftest import PASSWORD, SPANISH_HEADLINE, STORY, spanish

SUB = "The plant will make 20,000 panels a year"
SPANISH_SUB = "La planta fabricará 30.000 paneles al año"  # a number changed: a finding


def _rows(page: str) -> list[tuple[str, str]]:
    """Each row of the Spanish side-by-side table: its class and its header cell."""
    table = re.search(r'<table class="sidebyside">.*?</table>', page, re.S)
    assert table is not None
    found = re.findall(r'<tr class="([^"]*)">\s*<th scope="row">([^<]*)</th>', table.group(0))
    return [(kind.strip(), header) for kind, header in found]


async def test_the_subheadline_has_its_own_row_and_is_edited(
    wire: Wire, flow: Flow, client: TestClient
) -> None:
    story_id = (
        StoryService(wire)
        .submit(None, STORY, source="story.txt", language="en", publisher="acme", subheadline=SUB)
        .story_id
    )
    with wire.database.write() as conn:
        rendition = Rendition(
            story_id,
            1,
            "es",
            RenditionState.PENDING,
            headline=SPANISH_HEADLINE,
            body=spanish("500"),
            engine="received",
            subheadline=SPANISH_SUB,
        )
        store.save_rendition(conn, rendition)
        wire.pipeline.check_received(conn, rendition)
    await flow.settle()
    sign_in(client, "eve", PASSWORD)
    page = client.get(f"/desk/stories/{story_id}").text

    rows = _rows(page)
    assert [header for _, header in rows] == ["H", "Subtitle", "1", "2"]
    kind, _ = rows[1]
    assert kind == "flagged subheadline"  # the finding on 30,000 is on its own row
    row = re.search(r'<tr class="flagged subheadline">(.*?)</tr>', page, re.S)
    assert row is not None
    assert '<td lang="en" dir="ltr"><mark>' + SUB in row[1]
    assert '<td lang="es" dir="ltr"><mark>' + SPANISH_SUB in row[1]
    assert "30.000" in row[1].split('class="findings"')[1]
    assert f'name="subheadline" value="{SPANISH_SUB}"' in page

    asked = client.post(
        f"/desk/stories/{story_id}/languages/es/approve", data={"csrf": csrf_of(page)}
    )
    assert asked.status_code == 200 and "Subtitle: numbers" in asked.text

    fixed = "La planta fabricará 20.000 paneles al año"
    edited = client.post(
        f"/desk/stories/{story_id}/languages/es/edit",
        data={
            "csrf": csrf_of(page),
            "headline": SPANISH_HEADLINE,
            "subheadline": fixed,
            "body": "\n\n".join(spanish("500")),
        },
        follow_redirects=False,
    )
    assert edited.status_code == 303, edited.text
    with wire.database.read() as conn:
        saved = store.get_rendition(conn, story_id, 1, "es")
    assert saved.subheadline == fixed and saved.state == RenditionState.CHECKED
    again = client.get(f"/desk/stories/{story_id}").text
    assert [kind for kind, _ in _rows(again)] == ["headline", "subheadline", "", ""]


def test_the_history_diff_shows_a_subheadline_added_changed_and_taken_out(wire: Wire) -> None:
    story_id = StoryService(wire).submit(None, STORY, source="story.txt", language="en").story_id
    [first] = StoryService(wire).story(None, story_id).versions
    added = replace(first, version=2, subheadline=SUB)
    changed = replace(added, version=3, subheadline=SUB.replace("20,000", "25,000"))
    taken_out = replace(changed, version=4, subheadline=None)
    entries = {e.version: e.changes for e in history([first, added, changed, taken_out])}
    assert entries[2] == [f"<ins>{SUB}</ins>"]
    assert entries[3] == ["The plant will make <del>20,000</del><ins>25,000</ins> panels a year"]
    assert entries[4] == [f"<del>{SUB.replace('20,000', '25,000')}</del>"]
    assert entries[1] == []
