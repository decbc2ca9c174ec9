"""One use case through every door: a publisher may neither see nor change another publisher's
subscriber, whether it asks the HTTP API, the desk, the command line against the running wire
(`--api` with its token) or the subscriber service itself (as a background job would). Each door
refuses the same way, with the service's words; and the operator (the command line on the
embedded store) reaches the whole wire."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from newsroom.conftest import sign_in, token_for
from polywire.cli import main
from polywire.domain import BadInput, Forbidden, Principal, Scope
from polywire.services import (
    DeliveryService,
    FeedService,
    GlossaryService,
    PolicyService,
    StoryService,
    SubscriberService,
    TokenService,
    UserService,
)
from polywire.store import accounts, feeds
from polywire.store.types import utcnow
from polywire.wire import Wire

API = "http://testserver"
FERRY_STORY = (
    b"Globex buys a shipyard in Gdansk\n\nGDANSK (Globex) - Globex Corp bought a shipyard in "
    b"Gdansk on Tuesday for 80 million euros, keeping its 1,200 workers.\n\nThe yard builds "
    b"ferries and tugs, the company said."
)


@dataclass
class Two:
    acme: dict[str, str]
    mine: dict[str, Any]
    theirs: dict[str, Any]

    @property
    def refusal(self) -> str:
        return f"subscriber {self.theirs['id']!r} belongs to another publisher"

    def refusal_of(self, asked: str) -> str:
        """What a request naming their webhook hears (the destination, not the subscriber's id,
        which no list shows acme), else the subscriber's refusal."""
        if self.webhook in asked:
            return f"destination {self.webhook!r} belongs to a subscriber of another publisher"
        return self.refusal

    @property
    def webhook(self) -> str:
        return str(self.theirs["destinations"][0]["id"])


def _added(client: TestClient, headers: dict[str, str], name: str, where: str) -> dict[str, Any]:
    answer = client.post(
        "/v1/subscribers",
        json={
            "name": name,
            "languages": ["en"],
            "destinations": [{"channel": "webhook", "address": f"https://{where}.example/hook"}],
        },
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    found: dict[str, Any] = answer.json()
    return found


@pytest.fixture
def two(client: TestClient, wire: Wire) -> Two:
    acme = {"Authorization": f"Bearer {token_for(wire, 'acme', Scope.READ, Scope.WRITE)}"}
    globex = {"Authorization": f"Bearer {token_for(wire, 'globex', Scope.READ, Scope.WRITE)}"}
    return Two(
        acme,
        _added(client, acme, "Leeds Daily", "acme"),
        _added(client, globex, "Globex Ferry News", "globex"),
    )


def _unchanged(client: TestClient, wire: Wire, two: Two) -> None:
    """Globex's subscriber is as globex added it: not renamed, paused, removed or re-keyed."""
    with wire.database.read() as conn:
        owner = accounts.subscriber_owner(conn, two.theirs["id"])
    admin = {"Authorization": f"Bearer {token_for(wire, 'ada', Scope.READ)}"}
    now = client.get(f"/v1/subscribers/{two.theirs['id']}", headers=admin).json()
    assert owner == "globex"
    assert (now["name"], now["paused"]) == ("Globex Ferry News", False)


def test_the_api_refuses_another_publishers_subscriber(
    client: TestClient, wire: Wire, two: Two
) -> None:
    listed = client.get("/v1/subscribers", headers=two.acme).json()["subscribers"]
    assert [s["name"] for s in listed] == ["Leeds Daily"]
    theirs = f"/v1/subscribers/{two.theirs['id']}"
    for method, path, body in (
        ("GET", theirs, None),
        ("PATCH", theirs, {"name": "Acme's now"}),
        ("POST", f"{theirs}/pause", None),
        ("DELETE", theirs, None),
        ("POST", f"/v1/destinations/{two.webhook}/rotate-secret", None),
        ("POST", f"/v1/destinations/{two.webhook}/replay?since=2026-01-01T00:00:00Z", None),
    ):
        answer = client.request(method, path, json=body, headers=two.acme)
        assert answer.status_code == 403, (method, path)
        assert answer.json()["detail"] == two.refusal_of(path), (method, path)
    _unchanged(client, wire, two)


def test_the_desk_refuses_another_publishers_subscriber(
    client: TestClient, wire: Wire, two: Two
) -> None:
    sign_in(client, "acme")
    listing = client.get("/desk/subscribers")
    assert "Leeds Daily" in listing.text and "Globex Ferry News" not in listing.text
    found = re.search(r'name="csrf" value="([^"]+)"', listing.text)
    assert found
    form = {"csrf": found.group(1), "confirm": "yes"}
    theirs = f"/desk/subscribers/{two.theirs['id']}"
    assert client.get(theirs).status_code == 403
    for path, sent in (
        (theirs, {**form, "name": "Acme's now", "kind": "outlet", "languages": "en"}),
        (f"{theirs}/pause", form),
        (f"{theirs}/remove", form),
        (f"/desk/destinations/{two.webhook}/rotate-secret", form),
    ):
        answer = client.post(path, data=sent)
        assert answer.status_code == 403, path
        assert two.refusal_of(path).replace("'", "&#39;") in answer.text, path
    assert client.get(f"/desk/destinations/{two.webhook}").status_code == 403
    _unchanged(client, wire, two)


@pytest.mark.usefixtures("through_the_api")
def test_the_command_line_refuses_another_publishers_subscriber(
    client: TestClient, wire: Wire, two: Two
) -> None:
    token = two.acme["Authorization"].removeprefix("Bearer ")

    def polywire(*args: str) -> Result:
        env = {"POLYWIRE_API_TOKEN": token, "POLYWIRE_LANGUAGES": "[]"}
        return CliRunner().invoke(main, [*args, "--api", API], env=env, catch_exceptions=False)

    listed = polywire("subscribers", "list")
    assert listed.exit_code == 0, listed.output
    assert "Leeds Daily" in listed.output and "Globex Ferry News" not in listed.output
    theirs = two.theirs["id"]
    for args in (
        ("subscribers", "edit", theirs, "--name", "Acme's now"),
        ("subscribers", "pause", theirs),
        ("subscribers", "remove", theirs),
        ("subscribers", "rotate-secret", two.webhook),
    ):
        refused = polywire(*args)
        assert refused.exit_code == 2, (args, refused.output)
        expected = two.refusal_of(" ".join(args))
        assert refused.output.endswith(f" 403 {expected}\n"), (args, refused.output)
    # a beginning of their id is unknown to acme: the API lists it only its own
    short = polywire("subscribers", "pause", theirs[:8])
    assert short.exit_code == 2
    assert short.output.endswith(f"subscriber {theirs[:8]!r}: no such subscriber\n")
    mine = polywire("subscribers", "pause", two.mine["id"][:8])
    assert mine.output == f"paused {two.mine['id']} (Leeds Daily)\n"
    story = (
        StoryService(wire)
        .submit(None, FERRY_STORY, source="globex.txt", publisher="globex")
        .story_id
    )
    withdrawn = polywire("withdraw", story, "--reason", "not ours")
    assert withdrawn.exit_code == 2
    assert withdrawn.output.endswith(f" 403 story {story!r} belongs to another publisher\n")
    _unchanged(client, wire, two)


def test_the_services_refuse_as_every_door_does(client: TestClient, wire: Wire, two: Two) -> None:
    with wire.database.read() as conn:
        acme = Principal(accounts.get_user_by_name(conn, "acme"))
    subscribers, deliveries = SubscriberService(wire), DeliveryService(wire)
    assert [s.name for s in subscribers.visible(acme)] == ["Leeds Daily"]
    theirs = two.theirs["id"]
    for asked, refused in (
        (theirs, lambda: subscribers.get(acme, theirs)),
        (theirs, lambda: subscribers.set_paused(acme, theirs, True)),
        (theirs, lambda: subscribers.remove(acme, theirs)),
        (two.webhook, lambda: subscribers.rotate_secret(acme, two.webhook)),
        (two.webhook, lambda: deliveries.recent(acme, two.webhook)),
    ):
        with pytest.raises(Forbidden, match=re.escape(two.refusal_of(asked))):
            refused()
    reader = Principal(acme.user, frozenset({Scope.READ}))
    with pytest.raises(Forbidden, match="the token lacks the 'write' scope"):
        subscribers.set_paused(reader, two.mine["id"], True)
    _unchanged(client, wire, two)


def test_the_operator_on_the_embedded_store_reaches_every_subscriber(
    client: TestClient, wire: Wire, two: Two
) -> None:
    data_dir = str(wire.settings.data_dir)
    listed = CliRunner().invoke(main, ["subscribers", "list", "--data-dir", data_dir])
    assert "Leeds Daily" in listed.output and "Globex Ferry News" in listed.output
    assert [s.name for s in SubscriberService(wire).visible(None)] == [
        "Leeds Daily",
        "Globex Ferry News",
    ]


def test_a_token_is_added_and_revoked_by_its_user_an_admin_or_the_operator(wire: Wire) -> None:
    with wire.database.read() as conn:
        acme, ada = (Principal(accounts.get_user_by_name(conn, n)) for n in ("acme", "ada"))
    tokens = TokenService(wire)
    theirs, _ = tokens.add(None, "globex", "ci", ["read"])  # the operator adds for anyone
    with pytest.raises(Forbidden, match="added by the user it acts as"):
        tokens.add(acme, "globex", "ci", ["read"])
    with pytest.raises(BadInput, match="token name: say what the token is for"):
        tokens.add(acme, "acme", "", ["read"])
    mine, _ = tokens.add(acme, "acme", "cms", ["read", "write"])
    assert [t.id for t in tokens.visible(acme)] == [mine.id]
    assert {t.id for t in tokens.visible(ada)} == {theirs.id, mine.id}
    with pytest.raises(Forbidden, match="belongs to another user"):
        tokens.revoke(acme, theirs.id)
    assert tokens.revoke(ada, theirs.id) == "ci"
    assert tokens.revoke(acme, mine.id) == "cms"


def test_only_an_admin_manages_users_through_every_door(client: TestClient, wire: Wire) -> None:
    """Users have no HTTP API: the desk and the service refuse a non-admin with the same words,
    an admin may not lock themselves out on either, and the command line on the embedded store
    is the operator, who may."""
    refusal = "only an admin manages users"
    with wire.database.read() as conn:
        acme, ada = (Principal(accounts.get_user_by_name(conn, n)) for n in ("acme", "ada"))
    users = UserService(wire)
    for refused in (
        lambda: users.visible(acme),
        lambda: users.add(acme, "eve", "admin"),
        lambda: users.change_role(acme, "acme", "admin", None),
        lambda: users.reset_password(acme, "ada"),
        lambda: users.disable(acme, "ada"),
        lambda: users.send_reset_link(acme, "ada"),
    ):
        with pytest.raises(Forbidden, match=refusal):
            refused()
    reader = Principal(ada.user, frozenset({Scope.READ}))
    with pytest.raises(Forbidden, match="the token lacks the 'write' scope"):
        users.add(reader, "eve", "editor")
    with pytest.raises(BadInput, match="user name: you cannot disable yourself"):
        users.disable(ada, "ada")
    with pytest.raises(BadInput, match="role: you cannot take your own admin role away"):
        users.change_role(ada, "ada", "editor", None)

    sign_in(client, "acme")
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/desk").text)
    assert csrf
    form = {"csrf": csrf.group(1), "confirm": "yes"}
    for path, sent in (
        ("/desk/users", {**form, "name": "eve", "role": "admin"}),
        ("/desk/users/acme/role", {**form, "role": "admin"}),
        ("/desk/users/ada/password", form),
        ("/desk/users/ada/disable", form),
    ):
        answer = client.post(path, data=sent)
        assert answer.status_code == 403 and refusal in answer.text, path
    client.cookies.clear()
    sign_in(client, "ada")
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/desk/users").text)
    assert csrf
    mine = client.post("/desk/users/ada/disable", data={"csrf": csrf.group(1), "confirm": "yes"})
    assert mine.status_code == 422 and "user name: you cannot disable yourself" in mine.text

    data_dir = ["--data-dir", str(wire.settings.data_dir)]
    added = CliRunner().invoke(main, ["users", "add", "eve", "--role", "admin", *data_dir])
    assert added.exit_code == 0, added.output
    with wire.database.read() as conn:
        assert [u.name for u in accounts.list_users(conn)] == ["acme", "ada", "eve", "globex"]


def test_a_publisher_sees_and_resumes_only_its_own_feeds(wire: Wire) -> None:
    """The feed service's rule, which the desk's health page and `polywire feeds` share."""
    now = utcnow()
    with wire.database.write() as conn:
        for publisher in ("acme", "globex"):
            feeds.insert_source(
                conn,
                feeds.FeedSource(
                    publisher, f"https://{publisher}.example/feed", 60, publisher, None, None, 5,
                    True, "gone", now, now, now,
                ),
            )  # fmt: skip
        acme = Principal(accounts.get_user_by_name(conn, "acme"))
    service = FeedService(wire)
    assert [f.id for f in service.visible(acme)] == ["acme"]
    assert [f.id for f in service.visible(None)] == ["acme", "globex"]
    with pytest.raises(Forbidden, match="feed 'globex' belongs to another publisher"):
        service.resume(acme, "globex")
    with pytest.raises(Forbidden, match="a feed of 'globex' is added by that publisher"):
        service.add(acme, "https://globex.example/other", publisher="globex")
    service.resume(acme, "acme")
    assert [f.paused for f in service.visible(None)] == [False, True]


def test_a_publisher_edits_only_its_own_glossary_and_policy_on_every_door(
    client: TestClient, wire: Wire, two: Two
) -> None:
    """The API and the services refuse another publisher's glossary and review policy with the
    same words; the operator names any publisher."""
    with wire.database.read() as conn:
        acme = Principal(accounts.get_user_by_name(conn, "acme"))
    glossary, policy = GlossaryService(wire), PolicyService(wire)
    refusals = (
        (
            "publisher 'globex': a 'acme' token edits only its own glossary",
            lambda: glossary.terms(acme, "globex"),
            ("PUT", "/v1/glossary/Globex?publisher=globex", {"keep": True}),
        ),
        (
            "the review policy of 'globex' belongs to another publisher",
            lambda: policy.show(acme, "globex"),
            ("PUT", "/v1/review-policy?publisher=globex", {"rules": []}),
        ),
    )
    for refusal, by_service, (method, path, body) in refusals:
        with pytest.raises(Forbidden, match=re.escape(refusal)):
            by_service()
        answer = client.request(method, path, json=body, headers=two.acme)
        assert answer.status_code == 403 and answer.json()["detail"] == refusal, path
    owner, terms = glossary.terms(None, "globex")
    assert (owner, terms) == ("globex", [])
    assert policy.show(None, "globex").publisher == "globex"
