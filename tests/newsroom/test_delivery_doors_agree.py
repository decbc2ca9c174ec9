"""A story's delivery report and the list of deliveries through every door: the HTTP API, the
desk, the command line against the running wire (`--api` with a publisher's token) and on the
embedded store (the operator) all answer what `DeliveryService` answers. A publisher sees the
deliveries of its stories and those to its subscribers, another publisher's subscriber unnamed;
another publisher's story is refused with the same words everywhere, and so is sending one of
its deliveries again. Nor does a failure's error say where another publisher's subscriber is,
nor a refusal name that subscriber's id."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient
from sqlalchemy import update

from newsroom.conftest import sign_in, token_for
from polywire.cli import main
from polywire.domain import Forbidden, Principal, Scope
from polywire.services import DeliveryService, StoryService
from polywire.services.deliveries import UNSAID_ERROR
from polywire.store import accounts
from polywire.store import deliveries as records
from polywire.store.publish_tables import deliveries
from polywire.store.types import utcnow
from polywire.wire import Wire

from .stories import ACME_STORY, GLOBEX_STORY

API = "http://testserver"


@dataclass
class Delivered:
    """Acme's and globex's story, each sent to acme's and to globex's subscriber (and failed
    there, so that the desk's report lists every one)."""

    mine: str
    theirs: str
    acme: Principal
    token: str

    @property
    def refusal(self) -> str:
        return f"story {self.theirs!r} belongs to another publisher"


def _subscriber(client: TestClient, token: str, name: str) -> str:
    answer = client.post(
        "/v1/subscribers",
        json={
            "name": name,
            "languages": ["en"],
            "destinations": [{"channel": "webhook", "address": f"https://{name[:4]}.example/h"}],
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["destinations"][0]["id"])


@pytest.fixture
def delivered(client: TestClient, wire: Wire) -> Delivered:
    token = token_for(wire, "acme", Scope.READ, Scope.WRITE)
    webhooks = [
        _subscriber(client, token, "Leeds Daily"),
        _subscriber(client, token_for(wire, "globex", Scope.READ, Scope.WRITE), "Globex Ferry"),
    ]
    stories = StoryService(wire)
    mine = stories.submit(None, ACME_STORY, source="acme.txt", publisher="acme").story_id
    theirs = stories.submit(None, GLOBEX_STORY, source="globex.txt", publisher="globex").story_id
    now = utcnow()
    with wire.database.write() as conn:
        for story in (mine, theirs):
            records.add_pending(
                conn,
                [(webhook, "webhook") for webhook in webhooks],
                story_id=story,
                version=1,
                language="en",
                event_seq=0,
                released=now,
                now=now,
            )
        records.fail_pending(conn, webhooks, "HTTP 410: gone")
        acme = Principal(accounts.get_user_by_name(conn, "acme"))
    return Delivered(mine, theirs, acme, token)


def _cli(*args: str, token: str | None = None, wire: Wire | None = None) -> Result:
    """`polywire ARGS` against the app under test with a token, or on the embedded store."""
    if token is not None:
        env = {"POLYWIRE_API_TOKEN": token, "POLYWIRE_LANGUAGES": "[]"}
        return CliRunner().invoke(main, [*args, "--api", API], env=env, catch_exceptions=False)
    assert wire is not None
    return CliRunner().invoke(main, [*args, "--data-dir", str(wire.settings.data_dir)])


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.usefixtures("through_the_api")
def test_what_a_publisher_sees_is_the_service_s_answer(
    delivered: Delivered, wire: Wire, client: TestClient
) -> None:
    service = DeliveryService(wire)
    report = service.report(delivered.acme, delivered.mine)
    named = {shown.subscriber for shown in report.deliveries}
    assert named == {"Leeds Daily", None}  # globex's subscriber is counted, not named
    assert [(line.targeted, line.failed) for line in report.lines] == [(2, 2)]
    listed = service.listed(delivered.acme)
    reached = {(shown.delivery.story_id, shown.subscriber) for shown in listed}
    assert reached == {
        (delivered.mine, "Leeds Daily"),
        (delivered.mine, None),
        (delivered.theirs, "Leeds Daily"),
    }
    assert all(s.address is None for s in listed if s.subscriber is None)

    headers = {"Authorization": f"Bearer {delivered.token}"}
    by_api = client.get(f"/v1/stories/{delivered.mine}/report", headers=headers)
    assert by_api.json() == report.to_json()
    assert client.get("/v1/deliveries", headers=headers).json() == {
        "deliveries": [shown.to_json() for shown in listed]
    }
    assert _json(_cli("report", delivered.mine, "--json", token=delivered.token)) == (
        report.to_json()
    )
    assert _json(_cli("deliveries", "list", "--json", token=delivered.token)) == {
        "deliveries": [shown.to_json() for shown in listed]
    }
    mine_only = _cli("deliveries", "list", "--story", delivered.mine[:8], token=delivered.token)
    assert mine_only.exit_code == 0, mine_only.output
    assert "Leeds Daily (webhook https://Leed.example/h" in mine_only.output
    assert "a subscriber of another publisher (webhook, destination" in mine_only.output

    sign_in(client, "acme")
    page = client.get(f"/desk/stories/{delivered.mine}/report").text
    rows = dict(re.findall(r'<tr data-delivery="([^"]+)"><th scope="row"[^>]*>([^<]*)<', page))
    assert rows == {s.delivery.id: s.subscriber or "a subscriber of another publisher"
                    for s in report.deliveries}  # fmt: skip
    # sent again through the API by the beginning of its id: no longer a failed one
    (ours,) = [s.delivery.id for s in report.deliveries if s.subscriber == "Leeds Daily"]
    replayed = _cli("deliveries", "replay", ours[:8], token=delivered.token)
    assert replayed.output == "1 deliveries queued again\n"
    failed = service.listed(delivered.acme, story_id=delivered.mine, status="failed")
    assert [shown.subscriber for shown in failed] == [None]


@pytest.mark.usefixtures("through_the_api")
def test_another_publishers_story_is_refused_the_same_way_on_every_door(
    delivered: Delivered, wire: Wire, client: TestClient
) -> None:
    service = DeliveryService(wire)
    for refused in (
        lambda: service.report(delivered.acme, delivered.theirs),
        lambda: service.listed(delivered.acme, story_id=delivered.theirs),
    ):
        with pytest.raises(Forbidden, match=re.escape(delivered.refusal)):
            refused()
    headers = {"Authorization": f"Bearer {delivered.token}"}
    for path in (
        f"/v1/stories/{delivered.theirs}/report",
        f"/v1/deliveries?story={delivered.theirs}",
    ):
        answer = client.get(path, headers=headers)
        assert answer.status_code == 403 and answer.json()["detail"] == delivered.refusal, path
    (to_us,) = [s.delivery.id for s in service.listed(delivered.acme)
                if s.delivery.story_id == delivered.theirs]  # fmt: skip
    for args in (
        ("report", delivered.theirs),
        ("deliveries", "list", "--story", delivered.theirs),
        ("deliveries", "replay", to_us),  # to our subscriber, but their story
    ):
        refused = _cli(*args, token=delivered.token)
        assert refused.exit_code == 2, (args, refused.output)
        assert refused.output.endswith(f" 403 {delivered.refusal}\n"), (args, refused.output)
    sign_in(client, "acme")
    page = client.get(f"/desk/stories/{delivered.theirs}/report")
    assert page.status_code == 403
    assert delivered.refusal.replace("'", "&#39;") in page.text


def test_the_operator_on_the_embedded_store_sees_and_names_everything(
    delivered: Delivered, wire: Wire
) -> None:
    service = DeliveryService(wire)
    report = service.report(None, delivered.theirs)
    assert {s.subscriber for s in report.deliveries} == {"Leeds Daily", "Globex Ferry"}
    assert _json(_cli("report", delivered.theirs[:8], "--json", wire=wire)) == report.to_json()
    listed = _json(_cli("deliveries", "list", "--json", "--limit", "10", wire=wire))
    assert listed == {"deliveries": [shown.to_json() for shown in service.listed(None, limit=10)]}
    assert len(listed["deliveries"]) == 4


@pytest.mark.usefixtures("through_the_api")
def test_another_publishers_subscriber_is_neither_quoted_in_an_error_nor_named_in_a_refusal(
    delivered: Delivered, wire: Wire, client: TestClient
) -> None:
    """A webhook's failure quotes its address (`https://host/h: refused: …`); its subscriber's
    id, which the lists leave out, was in the refusal of its destination."""
    service = DeliveryService(wire)
    (globex,) = {
        s.delivery.destination_id for s in service.listed(None) if s.subscriber == "Globex Ferry"
    }
    with wire.database.write() as conn:
        conn.execute(
            update(deliveries)
            .where(deliveries.c.destination_id == globex)
            .values(error="https://Glob.example/h: refused: 10.0.0.7 is a private address")
        )
    headers = {"Authorization": f"Bearer {delivered.token}"}
    listed = client.get("/v1/deliveries", headers=headers).text
    report = client.get(f"/v1/stories/{delivered.mine}/report", headers=headers).text
    by_cli = _cli("deliveries", "list", token=delivered.token).output
    sign_in(client, "acme")
    page = client.get(f"/desk/stories/{delivered.mine}/report").text
    (theirs,) = {s.subscriber_id for s in service.listed(None) if s.subscriber == "Globex Ferry"}
    for door, answer in (("api", listed), ("report", report), ("cli", by_cli), ("desk", page)):
        assert "Glob.example" not in answer and "10.0.0.7" not in answer, door
        assert UNSAID_ERROR in answer and str(theirs) not in answer, door
        assert globex not in answer, door  # nor the id of its destination
    # the operator still reads why
    assert "10.0.0.7" in _cli("deliveries", "list", wire=wire).output

    refusal = f"destination {globex!r} belongs to a subscriber of another publisher"
    for path in (f"/v1/deliveries?destination={globex}",
                 f"/v1/destinations/{globex}/replay?since=2020-01-01T00:00Z"):  # fmt: skip
        method = "POST" if "replay" in path else "GET"
        answer = client.request(method, path, headers=headers)
        assert answer.status_code == 403 and answer.json()["detail"] == refusal, path
