"""One rule through every door: a publisher may neither read nor correct another publisher's
story, whether it asks the HTTP API, the desk, the command line against the running wire (`--api`
with its token) or the story service itself. Each door refuses with the service's words
(`StoryService.reach`), and nothing is written; its own stories it reads as before. The list of
stories, searched by headline, is the service's (`StoryService.lines`) through every door: the
same stories, languages and delivered counts, and none of another publisher's."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from newsroom.conftest import sign_in, token_for
from polywire.cli import main
from polywire.domain import Forbidden, Principal, Scope
from polywire.services import StoryService
from polywire.store import accounts
from polywire.store import deliveries as records
from polywire.store.types import utcnow
from polywire.wire import Wire

from .stories import ACME_STORY, GLOBEX_STORY

API = "http://testserver"
CORRECTED = GLOBEX_STORY.replace(b"80 million", b"85 million")
ACME_KETTLES = (
    b"Acme recalls 4,000 kettles\n\nLEEDS (Acme) - Acme Ltd recalled 4,000 electric kettles on "
    b"Thursday after owners reported that their handles crack when hot.\n\nOwners can return "
    b"them to any shop for a refund, the company said."
)


@dataclass
class Stories:
    mine: str
    theirs: str
    acme: dict[str, str]

    @property
    def refusal(self) -> str:
        return f"story {self.theirs!r} belongs to another publisher"


@pytest.fixture
def stories(wire: Wire) -> Stories:
    service = StoryService(wire)
    mine = service.submit(None, ACME_STORY, source="acme.txt", publisher="acme").story_id
    theirs = service.submit(None, GLOBEX_STORY, source="globex.txt", publisher="globex").story_id
    acme = {"Authorization": f"Bearer {token_for(wire, 'acme', Scope.READ, Scope.WRITE)}"}
    return Stories(mine, theirs, acme)


def _unchanged(wire: Wire, stories: Stories) -> None:
    """Globex's story still has only the version globex sent."""
    view = StoryService(wire).story(None, stories.theirs)
    assert [v.version for v in view.versions] == [1]
    assert view.story.publisher == "globex"


def test_the_api_refuses_another_publishers_story(
    client: TestClient, wire: Wire, stories: Stories
) -> None:
    theirs = f"/v1/stories/{stories.theirs}"
    listed = client.get("/v1/stories", headers=stories.acme).json()["stories"]
    assert [s["id"] for s in listed] == [stories.mine]
    assert client.get(f"/v1/stories/{stories.mine}", headers=stories.acme).status_code == 200
    for method, path, body in (
        ("GET", theirs, None),
        ("GET", f"{theirs}/ninjs", None),
        ("GET", f"{theirs}/classification", None),
        ("POST", f"{theirs}/versions", {"content": CORRECTED.decode(), "correction_reason": "x"}),
        ("POST", f"{theirs}/classification", {"urgency": 1}),
    ):
        answer = client.request(method, path, json=body, headers=stories.acme)
        assert answer.status_code == 403, (method, path, answer.text)
        assert answer.json()["detail"] == stories.refusal, (method, path)
    _unchanged(wire, stories)


def test_the_desk_refuses_another_publishers_story(
    client: TestClient, wire: Wire, stories: Stories
) -> None:
    sign_in(client, "acme")
    mine = client.get(f"/desk/stories/{stories.mine}")
    assert mine.status_code == 200
    found = re.search(r'name="csrf" value="([^"]+)"', mine.text)
    assert found
    refusal = stories.refusal.replace("'", "&#39;")
    theirs = client.get(f"/desk/stories/{stories.theirs}")
    assert theirs.status_code == 403 and refusal in theirs.text
    corrected = client.post(
        f"/desk/stories/{stories.theirs}/correct",
        data={
            "csrf": found.group(1),
            "headline": "Globex buys a shipyard in Gdansk",
            "body": "Globex Corp bought a shipyard for 85 million euros.",
            "reason": "the price",
        },
    )
    assert corrected.status_code == 403 and refusal in corrected.text
    _unchanged(wire, stories)


@pytest.mark.usefixtures("through_the_api")
def test_the_command_line_refuses_another_publishers_story(
    wire: Wire, stories: Stories, tmp_path: Path
) -> None:
    token = stories.acme["Authorization"].removeprefix("Bearer ")

    def polywire(*args: str) -> Result:
        env = {"POLYWIRE_API_TOKEN": token, "POLYWIRE_LANGUAGES": "[]"}
        return CliRunner().invoke(main, [*args, "--api", API], env=env, catch_exceptions=False)

    mine = polywire("show", stories.mine)
    assert mine.exit_code == 0 and "Acme opens a bicycle plant" in mine.output
    corrected = tmp_path / "corrected.txt"
    corrected.write_bytes(CORRECTED)
    for args in (
        ("show", stories.theirs),
        ("submit", str(corrected), "--update", stories.theirs, "--correction", "the price"),
    ):
        refused = polywire(*args)
        assert refused.exit_code == 2, (args, refused.output)
        assert refused.output.endswith(f" 403 {stories.refusal}\n"), (args, refused.output)
    _unchanged(wire, stories)


def test_the_service_refuses_as_every_door_does(wire: Wire, stories: Stories) -> None:
    with wire.database.read() as conn:
        acme = Principal(accounts.get_user_by_name(conn, "acme"))
    service = StoryService(wire)
    assert [s.id for s in service.stories(acme)] == [stories.mine]
    assert service.story(acme, stories.mine).story.publisher == "acme"
    for refused in (
        lambda: service.story(acme, stories.theirs),
        lambda: service.ninjs(acme, stories.theirs),
        lambda: service.submit(acme, CORRECTED, source="x.txt", update_of=stories.theirs),
    ):
        with pytest.raises(Forbidden, match=re.escape(stories.refusal)):
            refused()
    reader = Principal(acme.user, frozenset({Scope.READ}))
    with pytest.raises(Forbidden, match="the token lacks the 'write' scope"):
        service.submit(reader, ACME_STORY, source="again.txt")
    _unchanged(wire, stories)
    # the operator (the command line on the embedded store) reaches every story
    assert {s.id for s in service.stories(None)} == {stories.mine, stories.theirs}


def _delivered_once(client: TestClient, wire: Wire, stories: Stories) -> None:
    """One delivery of acme's story in English arrived at acme's subscriber."""
    added = client.post(
        "/v1/subscribers",
        json={
            "name": "Leeds Daily",
            "languages": ["en"],
            "destinations": [{"channel": "webhook", "address": "https://leeds.example/hook"}],
        },
        headers=stories.acme,
    )
    assert added.status_code == 201, added.text
    webhook = str(added.json()["destinations"][0]["id"])
    now = utcnow()
    with wire.database.write() as conn:
        sent = records.add_pending(
            conn,
            [(webhook, "webhook")],
            story_id=stories.mine,
            version=1,
            language="en",
            event_seq=0,
            released=now,
            now=now,
        )
        records.mark(conn, sent[webhook], status="delivered")


@pytest.mark.usefixtures("through_the_api")
def test_the_story_list_searched_is_the_service_s_through_every_door(
    client: TestClient, wire: Wire, stories: Stories
) -> None:
    service = StoryService(wire)
    service.submit(None, ACME_KETTLES, source="kettles.txt", publisher="acme")
    _delivered_once(client, wire, stories)
    with wire.database.read() as conn:
        acme = Principal(accounts.get_user_by_name(conn, "acme"))
    assert len(service.lines(acme)) == 2  # acme's kettles too, which the search leaves out
    expected = [line.to_json() for line in service.lines(acme, search="BICYCLE")]
    assert [(s["id"], s["delivered"]) for s in expected] == [(stories.mine, {"en": 1})]
    token = stories.acme["Authorization"].removeprefix("Bearer ")

    def polywire(*args: str) -> Result:
        env = {"POLYWIRE_API_TOKEN": token, "POLYWIRE_LANGUAGES": "[]"}
        return CliRunner().invoke(main, [*args, "--api", API], env=env, catch_exceptions=False)

    def listed(search: str) -> dict[str, list[dict[str, object]]]:
        """What the API, the command line (`--api`) and the desk list as acme for `search`."""
        by_cli = polywire("stories", "--search", search, "--json")
        assert by_cli.exit_code == 0, by_cli.output
        return {
            "api": client.get("/v1/stories", params={"q": search}, headers=stories.acme).json()[
                "stories"
            ],
            "cli": json.loads(by_cli.output)["stories"],
        }

    assert listed("BICYCLE") == {"api": expected, "cli": expected}
    # another publisher's headline is found through no door, nor by the service
    assert service.lines(acme, search="shipyard") == []
    assert listed("shipyard") == {"api": [], "cli": []}
    assert polywire("stories", "--search", "shipyard").output == (
        "no story's headline holds 'shipyard'\n"
    )

    sign_in(client, "acme")
    desk = client.get("/desk/stories.json", params={"q": "BICYCLE"}).json()["stories"]
    fields = ("id", "state", "headline", "languages", "delivered")
    assert [[s[f] for f in fields] for s in desk] == [[s[f] for f in fields] for s in expected]
    page = client.get("/desk", params={"q": "bicycle"}).text
    assert "Acme opens a bicycle plant" in page and "Acme recalls" not in page
    assert "1 delivered" in page
    assert client.get("/desk/stories.json", params={"q": "shipyard"}).json()["stories"] == []

    # the operator (the command line on the embedded store) finds every publisher's
    data_dir = ["--data-dir", str(wire.settings.data_dir)]
    operator = CliRunner().invoke(main, ["stories", "--search", "shipyard", "--json", *data_dir])
    assert [s["id"] for s in json.loads(operator.output)["stories"]] == [stories.theirs]
