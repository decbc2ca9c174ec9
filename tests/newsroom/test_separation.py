"""Per-publisher separation of lists and counts: a publisher's token or session sees nothing of
another publisher's through any list, report or count; an admin, and the API left open on
loopback, see the whole wire."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from newsroom.conftest import PASSWORD, sign_in, token_for
from polywire.bus.outbox import enqueue
from polywire.config import load_settings
from polywire.domain import Principal, Role, Scope, User
from polywire.services import JobService, StoryService
from polywire.store import accounts, feeds
from polywire.store.tables import jobs
from polywire.wire import Wire

from .stories import GLOBEX_STORY

ACME_STORY = (
    b"Acme opens a plant in Leeds\n\nLEEDS (Acme) - Acme Ltd opened a bicycle plant in Leeds on "
    b"Monday that will employ 300 people and build 20,000 bicycles a year.\n\nThe plant cost "
    b"12 million pounds, the company said in a statement."
)
#: What only globex's data holds: none of it may show through acme's lists.
GLOBEX_SECRETS = (
    "globex-outlet.example",
    "desk@globex.example",
    "Globex Ferry News",
    "Globex buys a shipyard",
    "globex-partner.example",
    "globex engine on fire",
)


@dataclass
class TwoPublishers:
    wire: Wire
    client: TestClient
    acme: dict[str, str]
    globex: dict[str, str]
    admin: dict[str, str]
    acme_story: str
    globex_story: str
    globex_subscriber: str
    globex_destination: str


def _subscriber(client: TestClient, headers: dict[str, str], name: str, where: str) -> Any:
    answer = client.post(
        "/v1/subscribers",
        json={
            "name": name,
            "languages": ["en"],
            "destinations": [
                {"channel": "webhook", "address": f"https://{where}-outlet.example/hook"},
                {"channel": "email", "address": f"desk@{where}.example"},
            ],
        },
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def _feed_source(wire: Wire, publisher: str) -> None:
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    with wire.database.write() as conn:
        feeds.insert_source(
            conn,
            feeds.FeedSource(
                id=f"feed-{publisher}",
                url=f"https://{publisher}-partner.example/rss",
                every_seconds=300,
                publisher=publisher,
                etag=None,
                last_modified=None,
                errors=1,
                paused=False,
                last_error=f"HTTP 503 from https://{publisher}-partner.example/rss",
                last_polled=now,
                next_poll=now,
                created=now,
            ),
        )


def _dead_job(wire: Wire, story_id: str, error: str) -> None:
    with wire.database.write() as conn:
        enqueue(conn, "translate", f"dead:{story_id}", {"story_id": story_id, "language": "es"})
        conn.execute(
            update(jobs)
            .where(jobs.c.key == f"dead:{story_id}")
            .values(state="dead", attempts=6, last_error=error, finished=1.0)
        )


@pytest.fixture
def two(client: TestClient, wire: Wire) -> TwoPublishers:
    acme = {"Authorization": f"Bearer {token_for(wire, 'acme', Scope.READ, Scope.WRITE)}"}
    globex = {"Authorization": f"Bearer {token_for(wire, 'globex', Scope.READ, Scope.WRITE)}"}
    admin = {"Authorization": f"Bearer {token_for(wire, 'ada', Scope.READ, Scope.WRITE)}"}
    acme_story = (
        StoryService(wire).submit(None, ACME_STORY, source="acme.txt", publisher="acme").story_id
    )
    globex_story = (
        StoryService(wire)
        .submit(None, GLOBEX_STORY, source="globex.txt", publisher="globex")
        .story_id
    )
    _subscriber(client, acme, "Leeds Daily", "acme")
    theirs = _subscriber(client, globex, "Globex Ferry News", "globex")
    _subscriber(client, admin, "Wire Desk", "wire")  # the wire's own: no publisher owns it
    _feed_source(wire, "acme")
    _feed_source(wire, "globex")
    _dead_job(wire, acme_story, "acme engine on fire")
    _dead_job(wire, globex_story, "globex engine on fire")
    return TwoPublishers(
        wire,
        client,
        acme,
        globex,
        admin,
        acme_story,
        globex_story,
        theirs["id"],
        theirs["destinations"][0]["id"],
    )


def _leaks(text: str) -> list[str]:
    return [secret for secret in GLOBEX_SECRETS if secret in text]


def test_a_publishers_token_lists_only_its_own_subscribers(two: TwoPublishers) -> None:
    mine = two.client.get("/v1/subscribers", headers=two.acme)
    assert mine.status_code == 200
    assert [s["name"] for s in mine.json()["subscribers"]] == ["Leeds Daily"]
    assert _leaks(mine.text) == []
    theirs = two.client.get("/v1/subscribers", headers=two.globex).json()["subscribers"]
    assert [s["name"] for s in theirs] == ["Globex Ferry News"]
    every = two.client.get("/v1/subscribers", headers=two.admin).json()["subscribers"]
    assert sorted(s["name"] for s in every) == ["Globex Ferry News", "Leeds Daily", "Wire Desk"]
    paged = two.client.get("/v1/subscribers?limit=1&offset=1", headers=two.acme)
    assert paged.json() == {"subscribers": []}


def test_a_publishers_report_counts_only_its_own_work(two: TwoPublishers) -> None:
    mine = two.client.get("/v1/report", headers=two.acme)
    assert mine.status_code == 200
    counted = mine.json()
    assert (counted["stories"], counted["versions"]) == (1, 1)
    # its submission's classify job waits; its dead job is counted, globex's is not
    assert counted["jobs"] == {"ready": 1, "dead": 1}
    assert counted["events"] == 0 and counted["deliveries"] == 0
    every = two.client.get("/v1/report", headers=two.admin).json()
    assert (every["stories"], every["versions"]) == (2, 2)
    assert every["jobs"] == {"ready": 2, "dead": 2}
    assert every["renditions"] == {
        state: 2 * count for state, count in counted["renditions"].items()
    }


def test_no_api_list_or_read_shows_another_publishers_data(two: TwoPublishers) -> None:
    listed = two.client.get("/v1/stories", headers=two.acme)
    assert [s["id"] for s in listed.json()["stories"]] == [two.acme_story]
    assert _leaks(listed.text) == []
    for path in (
        f"/v1/stories/{two.globex_story}",
        f"/v1/stories/{two.globex_story}/ninjs",
        f"/v1/stories/{two.globex_story}/report",
        f"/v1/stories/{two.globex_story}/classification",
        f"/v1/subscribers/{two.globex_subscriber}",
    ):
        answer = two.client.get(path, headers=two.acme)
        assert answer.status_code == 403, path
        assert _leaks(answer.text) == [], path
    replay = two.client.post(
        f"/v1/destinations/{two.globex_destination}/replay?since=2026-01-01T00:00:00Z",
        headers=two.acme,
    )
    assert replay.status_code == 403


def test_no_desk_page_shows_another_publishers_data(two: TwoPublishers) -> None:
    with two.wire.database.write() as conn:
        accounts.add_user(conn, "eve", PASSWORD, Role.EDITOR, "acme")
    for user in ("acme", "eve"):
        two.client.cookies.clear()
        sign_in(two.client, user)
        for path in ("/desk", "/desk/stories.json", "/desk/subscribers"):
            answer = two.client.get(path)
            assert answer.status_code == 200, (user, path)
            assert _leaks(answer.text) == [], (user, path)
        for path in (
            f"/desk/stories/{two.globex_story}",
            f"/desk/stories/{two.globex_story}/report",
            f"/desk/subscribers/{two.globex_subscriber}",
            f"/desk/destinations/{two.globex_destination}",
        ):
            answer = two.client.get(path)
            assert answer.status_code == 403, (user, path)
            assert _leaks(answer.text) == [], (user, path)
        assert "Leeds Daily" in two.client.get("/desk/subscribers").text
    # an editor bound to acme sees acme's engine room only: its jobs, counts and feed sources
    health = two.client.get("/desk/health")
    assert health.status_code == 200
    assert _leaks(health.text) == []
    assert "acme engine on fire" in health.text and "acme-partner.example" in health.text


def test_a_bound_admin_cannot_retry_another_publishers_dead_job(
    two: TwoPublishers,
) -> None:
    with two.wire.database.write() as conn:
        accounts.add_user(conn, "root", PASSWORD, Role.ADMIN, "acme")
    sign_in(two.client, "root")
    health = two.client.get("/desk/health")
    csrf = re.search(r'name="csrf" value="([^"]+)"', health.text).group(1)  # type: ignore[union-attr]
    ids = {d.last_error: d.id for d in _dead(two.wire)}
    refused = two.client.post(
        f"/desk/jobs/{ids['globex engine on fire']}/retry", data={"csrf": csrf}
    )
    assert refused.status_code == 404
    done = two.client.post(f"/desk/jobs/{ids['acme engine on fire']}/discard", data={"csrf": csrf})
    assert done.status_code == 200 and "discarded" in done.text
    assert [d.last_error for d in _dead(two.wire)] == ["globex engine on fire"]


def _dead(wire: Wire) -> list[Any]:
    return JobService(wire).visible(None, state="dead")


def test_an_admin_sees_the_whole_wire_on_the_desk(two: TwoPublishers) -> None:
    sign_in(two.client, "ada")
    subscribers = two.client.get("/desk/subscribers").text
    assert "Globex Ferry News" in subscribers and "Leeds Daily" in subscribers
    health = two.client.get("/desk/health").text
    assert "globex engine on fire" in health and "acme-partner.example" in health


@pytest.fixture
def open_client(tmp_path: Path) -> Iterator[tuple[Wire, TestClient]]:
    from polywire.web.app import create_app

    wire = Wire(load_settings(data_dir=tmp_path / "data", languages=[]))  # loopback, no auth
    try:
        with TestClient(create_app(wire)) as client:
            yield wire, client
    finally:
        wire.close()


def test_the_api_left_open_on_loopback_lists_the_whole_wire(
    open_client: tuple[Wire, TestClient],
) -> None:
    wire, client = open_client
    StoryService(wire).submit(None, ACME_STORY, source="acme.txt", publisher="acme")
    StoryService(wire).submit(None, GLOBEX_STORY, source="globex.txt", publisher="globex")
    with wire.database.write() as conn:
        accounts.set_subscriber_owner(conn, "s-other", "globex")
    added = client.post(
        "/v1/subscribers",
        json={"name": "Leeds Daily", "languages": ["en"], "destinations": [{"channel": "feed"}]},
    )
    assert added.status_code == 201, added.text
    assert len(client.get("/v1/subscribers").json()["subscribers"]) == 1
    assert client.get("/v1/report").json()["stories"] == 2
    assert len(client.get("/v1/stories").json()["stories"]) == 2


def _bound_to(publisher: str) -> Principal:
    """A publisher's user as the report's actor: it counts that publisher's stories."""
    return Principal(User("u1", publisher, Role.PUBLISHER, publisher, datetime.now(UTC)))


def test_report_counts_one_publisher_on_each_store(database_url: str, tmp_path: Path) -> None:
    wire = Wire(load_settings(data_dir=tmp_path / "data", database_url=database_url, languages=[]))
    try:
        acme = (
            StoryService(wire)
            .submit(None, ACME_STORY, source="acme.txt", publisher="acme")
            .story_id
        )
        globex = (
            StoryService(wire)
            .submit(None, GLOBEX_STORY, source="globex.txt", publisher="globex")
            .story_id
        )
        _dead_job(wire, acme, "acme engine on fire")
        _dead_job(wire, globex, "globex engine on fire")
        stories = StoryService(wire)
        mine, every = stories.report(_bound_to("acme")), stories.report(None)
        assert (mine.stories, mine.versions, every.stories, every.versions) == (1, 1, 2, 2)
        assert mine.jobs == {"ready": 1, "dead": 1}
        assert every.jobs == {"ready": 2, "dead": 2}
        assert stories.report(_bound_to("nobody")).jobs == {}
        editor = Principal(User("u2", "eve", Role.EDITOR, "globex", datetime.now(UTC)))
        dead = JobService(wire).visible(editor, state="dead")
        assert [d.last_error for d in dead] == ["globex engine on fire"]
    finally:
        wire.close()
