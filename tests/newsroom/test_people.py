"""The desk's people and subscribers: pause, resume and remove a subscriber; users and API
tokens; password resets; the demo's first-admin box."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner
from fastapi.testclient import TestClient
from helpers import free_port
from publish.test_targeting import story

from newsroom.conftest import PASSWORD, sign_in, token_for
from polywire.cli import main
from polywire.cli.run import admin_box
from polywire.domain import Role, Scope
from polywire.publish.release.targeting import targets
from polywire.store import accounts
from polywire.store import subscribers as store
from polywire.wire import Wire


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def targeted(wire: Wire) -> set[str]:
    version, rendition = story()
    with wire.database.read() as conn:
        return {t.subscriber_id for t in targets(conn, version, rendition)}


def add_on_desk(client: TestClient, name: str) -> str:
    csrf = csrf_of(client.get("/desk/subscribers").text)
    added = client.post(
        "/desk/subscribers",
        data={"csrf": csrf, "name": name, "languages": "en", "destination": "feed:rss"},
    )
    assert added.status_code == 200, added.text
    found = re.search(rf'href="/desk/subscribers/([0-9a-f]+)" aria-label="Edit {name}"', added.text)
    assert found
    return found.group(1)


def test_a_subscriber_is_paused_resumed_and_removed_from_the_desk(
    client: TestClient, wire: Wire
) -> None:
    sign_in(client, "acme")
    subscriber_id = add_on_desk(client, "Leeds Daily")
    assert targeted(wire) == {subscriber_id}
    csrf = csrf_of(client.get("/desk/subscribers").text)
    paused = client.post(f"/desk/subscribers/{subscriber_id}/pause", data={"csrf": csrf})
    assert paused.status_code == 200 and "Leeds Daily paused" in paused.text
    assert ">paused</span>" in paused.text and 'aria-label="Resume Leeds Daily"' in paused.text
    assert targeted(wire) == set()
    resumed = client.post(f"/desk/subscribers/{subscriber_id}/resume", data={"csrf": csrf})
    assert "Leeds Daily resumed" in resumed.text and targeted(wire) == {subscriber_id}

    asked = client.post(f"/desk/subscribers/{subscriber_id}/remove", data={"csrf": csrf})
    assert asked.status_code == 200 and "Remove Leeds Daily?" in asked.text
    assert targeted(wire) == {subscriber_id}  # nothing done before it is confirmed
    removed = client.post(
        f"/desk/subscribers/{subscriber_id}/remove", data={"csrf": csrf, "confirm": "yes"}
    )
    assert "Leeds Daily removed" in removed.text and targeted(wire) == set()
    assert 'aria-label="Edit Leeds Daily"' not in removed.text

    client.cookies.clear()
    sign_in(client, "globex")
    other = add_on_desk(client, "Globex Times")
    csrf = csrf_of(client.get("/desk/subscribers").text)
    client.cookies.clear()
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/subscribers").text)
    assert client.post(f"/desk/subscribers/{other}/pause", data={"csrf": csrf}).status_code == 403


def test_pause_and_resume_on_the_api_and_the_command_line(client: TestClient, wire: Wire) -> None:
    token = token_for(wire, "acme", Scope.READ, Scope.WRITE)
    headers = {"Authorization": f"Bearer {token}"}
    added = client.post(
        "/v1/subscribers",
        json={"name": "Wire Desk", "languages": ["en"], "destinations": [{"channel": "feed"}]},
        headers=headers,
    )
    assert added.status_code == 201, added.text
    subscriber_id = added.json()["id"]
    paused = client.post(f"/v1/subscribers/{subscriber_id}/pause", headers=headers)
    assert paused.status_code == 200 and paused.json()["paused"] is True
    assert targeted(wire) == set()
    other = {"Authorization": f"Bearer {token_for(wire, 'globex', Scope.READ, Scope.WRITE)}"}
    assert client.post(f"/v1/subscribers/{subscriber_id}/resume", headers=other).status_code == 403
    missing = client.post("/v1/subscribers/nope/pause", headers=headers)
    assert missing.status_code == 404

    data_dir = str(wire.settings.data_dir)
    runner = CliRunner()
    resumed = runner.invoke(main, ["subscribers", "resume", subscriber_id, "--data-dir", data_dir])
    assert resumed.exit_code == 0 and f"resumed {subscriber_id} (Wire Desk)" in resumed.output
    assert targeted(wire) == {subscriber_id}
    runner.invoke(main, ["subscribers", "pause", subscriber_id, "--data-dir", data_dir])
    listed = runner.invoke(main, ["subscribers", "list", "--data-dir", data_dir])
    assert "Wire Desk" in listed.output and "(paused)" in listed.output
    with wire.database.read() as conn:
        assert store.get_subscriber(conn, subscriber_id).paused is not None


def test_the_demo_frames_the_first_admin_password() -> None:
    box = admin_box("admin", "s3cret-Pa55", "http://127.0.0.1:8765/desk").strip().splitlines()
    assert box[0] == box[-1] and set(box[0]) == {"+", "-"}
    assert all(line.startswith("| ") and line.endswith(" |") for line in box[1:-1])
    assert len({len(line) for line in box}) == 1
    assert any("password    s3cret-Pa55" in line for line in box)
    assert any("http://127.0.0.1:8765/desk" in line for line in box)


@dataclass
class Mailbox:
    """An SMTP server's handler that keeps every message as received."""

    received: list[bytes] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(envelope.original_content)
        return "250 OK"


@pytest.fixture
def mailbox(wire: Wire) -> Iterator[Mailbox]:
    """aiosmtpd on loopback, and the wire's SMTP settings pointed at it."""
    handler = Mailbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    wire.settings.deliver.smtp_host, wire.settings.deliver.smtp_port = "127.0.0.1", port
    yield handler
    controller.stop()


def test_an_admin_adds_users_changes_roles_resets_and_disables(
    client: TestClient, wire: Wire
) -> None:
    sign_in(client, "acme")
    assert client.get("/desk/users").status_code == 403
    assert "/desk/users" not in client.get("/desk").text
    client.cookies.clear()
    sign_in(client, "ada")
    page = client.get("/desk/users")
    assert page.status_code == 200 and 'href="/desk/users"' in page.text
    csrf = csrf_of(page.text)

    refused = client.post(
        "/desk/users",
        data={"csrf": csrf, "name": "eve", "role": "editor", "publisher": "", "email": "eve"},
    )
    assert refused.status_code == 422
    assert "e-mail: &#39;eve&#39;: not an e-mail address" in refused.text
    assert 'name="name" type="text" value="eve"' in refused.text  # kept as typed
    assert re.search(r'id="u-email"[^>]*value="eve" aria-invalid="true"', refused.text)
    no_publisher = client.post(
        "/desk/users",
        data={"csrf": csrf, "name": "eve", "role": "publisher", "email": "eve@acme.example"},
    )
    assert "needs --publisher" in no_publisher.text
    assert 'value="eve@acme.example"' in no_publisher.text
    added = client.post(
        "/desk/users",
        data={"csrf": csrf, "name": "eve", "role": "editor", "email": "eve@acme.example"},
    )
    assert added.status_code == 200 and "eve added" in added.text
    password = re.search(r"Password of eve.*?<code>([^<]+)</code>", added.text).group(1)  # type: ignore[union-attr]

    other = TestClient(client.app)
    sign_in(other, "eve", password)
    role = client.post(
        "/desk/users/eve/role", data={"csrf": csrf, "role": "publisher", "publisher": "acme"}
    )
    assert "eve is now publisher of acme" in role.text
    assert other.get("/desk", follow_redirects=False).status_code == 303  # signed out
    mine = client.post("/desk/users/ada/role", data={"csrf": csrf, "role": "editor"})
    assert mine.status_code == 422 and "own admin role" in mine.text

    asked = client.post("/desk/users/eve/password", data={"csrf": csrf})
    assert "Give eve a new password?" in asked.text
    reset = client.post("/desk/users/eve/password", data={"csrf": csrf, "confirm": "yes"})
    new = re.search(r"New password of eve.*?<code>([^<]+)</code>", reset.text).group(1)  # type: ignore[union-attr]
    with wire.database.read() as conn:
        assert accounts.authenticate(conn, "eve", password) is None
        assert accounts.authenticate(conn, "eve", new) is not None

    assert (
        "user name: you cannot disable yourself"
        in client.post("/desk/users/ada/disable", data={"csrf": csrf, "confirm": "yes"}).text
    )
    gone = client.post("/desk/users/eve/disable", data={"csrf": csrf, "confirm": "yes"})
    assert "eve disabled" in gone.text and 'aria-label="Disable eve"' not in gone.text


def test_each_user_makes_and_revokes_their_own_api_tokens(client: TestClient, wire: Wire) -> None:
    theirs = token_for(wire, "globex")
    sign_in(client, "acme")
    page = client.get("/desk/tokens")
    assert page.status_code == 200 and "No live tokens." in page.text
    csrf = csrf_of(page.text)
    unnamed = client.post("/desk/tokens", data={"csrf": csrf, "name": "", "scopes": "write"})
    assert unnamed.status_code == 422 and "token name: say what the token is for" in unnamed.text
    assert 'value="write" checked' in unnamed.text
    made = client.post("/desk/tokens", data={"csrf": csrf, "name": "CMS", "scopes": ["read"]})
    token = re.search(r"<code>(pwt_[^<]+)</code>", made.text).group(1)  # type: ignore[union-attr]
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/v1/stories", headers=bearer).status_code == 200
    again = client.get("/desk/tokens").text
    assert "CMS" in again and token not in again  # shown once
    with wire.database.read() as conn:
        listed = {t.name: t.id for t in accounts.list_tokens(conn)}
        other_id = next(t.id for t in accounts.list_tokens(conn, "globex"))
    assert theirs and "globex" not in again
    refused = client.post(f"/desk/tokens/{other_id}/revoke", data={"csrf": csrf})
    assert refused.status_code == 403
    revoked = client.post(f"/desk/tokens/{listed['CMS']}/revoke", data={"csrf": csrf})
    assert "Token CMS revoked" in revoked.text
    assert client.get("/v1/stories", headers=bearer).status_code == 401


def test_a_password_is_reset_through_a_one_time_emailed_link(
    client: TestClient, wire: Wire, mailbox: Mailbox
) -> None:
    with wire.database.write() as conn:
        accounts.add_user(conn, "eve", PASSWORD, Role.EDITOR, None, "eve@acme.example")
    form = client.get("/signin/forgot")
    csrf = csrf_of(form.text)
    for name in ("eve", "nobody", "acme"):  # the same answer for each
        sent = client.post("/signin/forgot", data={"csrf": csrf, "name": name})
        assert (
            sent.status_code == 200 and "a link to choose a new password is on its way" in sent.text
        )
    assert len(mailbox.received) == 1
    mail = message_from_bytes(mailbox.received[0], policy=policy.default)
    assert mail["To"] == "eve@acme.example"
    link = re.search(r"http\S+/signin/reset\?token=(\S+)", mail.get_content()).group(1)  # type: ignore[union-attr, attr-defined]
    assert link.startswith("pwr_")

    page = client.get(f"/signin/reset?token={link}")
    csrf = csrf_of(page.text)
    short = client.post(
        "/signin/reset", data={"csrf": csrf, "token": link, "password": "short", "again": "short"}
    )
    assert short.status_code == 422 and "password: use at least 12 characters" in short.text
    new = "a brand new long password"
    done = client.post(
        "/signin/reset", data={"csrf": csrf, "token": link, "password": new, "again": new}
    )
    assert done.status_code == 200 and "The password of eve is changed" in done.text
    sign_in(client, "eve", new)
    used = client.post(
        "/signin/reset", data={"csrf": csrf, "token": link, "password": new, "again": new}
    )
    assert used.status_code == 422 and "expired or was used already" in used.text

    client.cookies.clear()
    sign_in(client, "ada")
    csrf = csrf_of(client.get("/desk/users").text)
    by_admin = client.post("/desk/users/eve/reset-link", data={"csrf": csrf})
    assert "A reset link was sent to eve@acme.example" in by_admin.text
    assert len(mailbox.received) == 2


def test_roles_and_passwords_from_the_command_line(wire: Wire) -> None:
    data_dir = ["--data-dir", str(wire.settings.data_dir)]
    runner = CliRunner()
    added = runner.invoke(
        main, ["users", "add", "eve", "--role", "editor", "--email", "eve@x.example", *data_dir]
    )
    assert added.exit_code == 0, added.output
    role = runner.invoke(
        main, ["users", "role", "eve", "--role", "publisher", "--publisher", "acme", *data_dir]
    )
    assert "user eve is now publisher of acme" in role.output
    refused = runner.invoke(main, ["users", "role", "eve", "--role", "publisher", *data_dir])
    assert refused.exit_code == 2 and "needs --publisher" in refused.output
    reset = runner.invoke(main, ["users", "reset-password", "eve", *data_dir])
    password = reset.output.split("new password: ")[1].strip()
    with wire.database.read() as conn:
        assert accounts.authenticate(conn, "eve", password) is not None
        assert accounts.get_user_by_name(conn, "eve").email == "eve@x.example"


def test_a_refused_subscriber_form_keeps_what_was_typed_and_marks_the_field(
    client: TestClient,
) -> None:
    sign_in(client, "acme")
    page = client.get("/desk/subscribers")
    assert '<span lang="es">español</span>' in page.text  # languages by their names
    assert ">Economy, business and finance (all)</option>" in page.text  # topics by label
    assert '<option value="JP">Japan</option>' in page.text  # countries by name
    refused = client.post(
        "/desk/subscribers",
        data={
            "csrf": csrf_of(page.text),
            "name": "Leeds Daily",
            "kind": "journalist",
            "languages": ["es", "ca"],
            "topics": "medtop:04000000",
            "regions": "GB",
            "keywords": "solar power",
            "destination": "webhook:ninjs3:ftp://nowhere",
        },
    )
    assert refused.status_code == 422 and "is not an http(s) URL" in refused.text
    kept = refused.text
    assert 'value="Leeds Daily"' in kept and "<option selected>journalist</option>" in kept
    assert 'value="es" checked' in kept and 'id="s-languages" name="languages" value="ca"' in kept
    assert '<option value="medtop:04000000" selected>' in kept
    assert '<option value="GB" selected>United Kingdom</option>' in kept
    assert 'value="solar power"' in kept
    assert re.search(r'id="s-destination"[^>]*value="webhook:ninjs3:ftp://nowhere"', kept)
    assert re.search(r'id="s-destination"[^>]*aria-invalid="true"', kept)


def test_submit_flags_the_languages_no_engine_serves(client: TestClient, wire: Wire) -> None:
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/submit").text)
    story_text = (
        "Acme opens a plant in Leeds\n\nLEEDS (Acme) - Acme Ltd opened a bicycle plant in "
        "Leeds on Monday that will employ 300 people."
    )
    preview = client.post(
        "/desk/submit/preview",
        data={"csrf": csrf, "content": story_text},
        files={"file": ("", b"")},
    )
    router = wire.pipeline.translate.router
    offered = re.findall(r'name="languages" value="([^"]+)"', preview.text)
    unserved = [lang for lang in offered if not router.plan("en", lang)]
    flags = preview.text.count("no engine: write it by hand")
    assert flags == len(unserved)
    sent = client.post(
        "/desk/submit",
        data={
            "csrf": csrf,
            "language": "en",
            "headline": "",
            "body": "A plant.",
            "sectors": "Energy, Transport",
            "embargo": "2030-01-01T09:00",
        },
    )
    assert sent.status_code == 422 and "a story needs a headline" in sent.text
    assert 'value="Energy, Transport"' in sent.text and 'value="2030-01-01T09:00"' in sent.text
