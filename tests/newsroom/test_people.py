"""The desk's people and subscribers: pause, resume and remove a subscriber; users and API
tokens; password resets; the demo's first-admin box."""

from __future__ import annotations

import re

from click.testing import CliRunner
from fastapi.testclient import TestClient
from publish.test_targeting import story

from newsroom.conftest import sign_in, token_for
from polywire.accounts.model import Scope
from polywire.cli import main
from polywire.cli.run import admin_box
from polywire.publish.targeting import targets
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
