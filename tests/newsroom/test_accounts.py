"""Accounts and access: the command line, sessions, CSRF, API tokens, per-publisher separation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi import Request
from fastapi.testclient import TestClient

from newsroom.conftest import PASSWORD, sign_in, token_for
from polywire.domain import Scope
from polywire.services import StoryService
from polywire.store import accounts
from polywire.wire import Wire

STORY = (
    b"Acme opens a plant in Leeds\n\nLEEDS (Acme) - Acme Ltd opened a bicycle plant in Leeds on "
    b"Monday that will employ 300 people and build 20,000 bicycles a year.\n\nThe plant cost "
    b"12 million pounds, the company said in a statement."
)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_users_and_tokens_from_the_command_line(subprocess_env: dict[str, str]) -> None:
    added = run(subprocess_env, "users", "add", "ada", "--role", "admin")
    assert added.returncode == 0, added.stderr
    password = added.stdout.split("password: ")[1].strip()
    assert len(password) >= 16

    refused = run(subprocess_env, "users", "add", "pub", "--role", "publisher")
    assert refused.returncode == 2 and "needs --publisher" in refused.stderr

    token_line = run(subprocess_env, "tokens", "add", "ada", "--scope", "read", "--scope", "write")
    assert token_line.returncode == 0, token_line.stderr
    token_id = token_line.stdout.split()[0]
    token = token_line.stdout.split("token: ")[1].strip()
    listed = run(subprocess_env, "tokens", "list")
    assert token_id in listed.stdout and "\tlive" in listed.stdout and token not in listed.stdout
    revoked = run(subprocess_env, "tokens", "revoke", token_id)
    assert revoked.returncode == 0
    again = run(subprocess_env, "tokens", "revoke", token_id)
    assert again.returncode == 2 and "no such live token" in again.stderr
    disabled = run(subprocess_env, "users", "disable", "ada")
    assert disabled.returncode == 0 and "user ada disabled" in disabled.stdout


def test_passwords_and_tokens_are_stored_hashed(wire: Wire) -> None:
    token = token_for(wire, "ada")
    with wire.database.read() as conn:
        dumped = " ".join(
            str(value)
            for table in ("users", "api_tokens")
            for row in conn.exec_driver_sql(f"SELECT * FROM {table}")
            for value in row
        )
        assert accounts.authenticate(conn, "ada", PASSWORD) is not None
        assert accounts.authenticate(conn, "ada", "wrong") is None
        assert accounts.authenticate(conn, "nobody", PASSWORD) is None
    assert PASSWORD not in dumped and token not in dumped
    assert "$argon2id$" in dumped


def test_the_api_needs_a_token_when_required(client: TestClient, wire: Wire) -> None:
    answer = client.get("/v1/stories")
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert answer.headers["content-type"] == "application/problem+json"
    bad = client.get("/v1/stories", headers={"Authorization": "Bearer pwt_nonsense"})
    assert bad.status_code == 401

    reader = token_for(wire, "ada", Scope.READ)
    assert (
        client.get("/v1/stories", headers={"Authorization": f"Bearer {reader}"}).status_code == 200
    )
    refused = client.post(
        "/v1/stories",
        json={"content": STORY.decode()},
        headers={"Authorization": f"Bearer {reader}"},
    )
    assert refused.status_code == 403 and "'write' scope" in refused.json()["detail"]

    writer = token_for(wire, "ada", Scope.READ, Scope.WRITE)
    created = client.post(
        "/v1/stories",
        json={"content": STORY.decode()},
        headers={"Authorization": f"Bearer {writer}"},
    )
    assert created.status_code == 201, created.text

    with wire.database.write() as conn:
        token_id = accounts.list_tokens(conn, "ada")[0].id
        accounts.revoke_token(conn, token_id)
    assert (
        client.get("/v1/stories", headers={"Authorization": f"Bearer {reader}"}).status_code == 401
    )


def test_a_publisher_cannot_reach_another_publishers_story(client: TestClient, wire: Wire) -> None:
    theirs = StoryService(wire).submit(None, STORY, source="story.txt", publisher="globex").story_id
    ours = StoryService(wire).submit(None, STORY, source="story.txt", publisher="acme").story_id
    acme = {"Authorization": f"Bearer {token_for(wire, 'acme', Scope.READ, Scope.WRITE)}"}
    assert client.get(f"/v1/stories/{ours}", headers=acme).status_code == 200
    for path in (f"/v1/stories/{theirs}", f"/v1/stories/{theirs}/ninjs"):
        answer = client.get(path, headers=acme)
        assert answer.status_code == 403, path
        assert "another publisher" in answer.json()["detail"]
    withdraw = client.post(f"/v1/stories/{theirs}/withdraw", json={"reason": "x"}, headers=acme)
    assert withdraw.status_code == 403
    admin = {"Authorization": f"Bearer {token_for(wire, 'ada')}"}
    assert client.get(f"/v1/stories/{theirs}", headers=admin).status_code == 200


def test_the_api_stays_open_on_loopback_when_not_required() -> None:
    from polywire.settings.accounts import AuthSettings, api_auth_required

    assert not api_auth_required(AuthSettings(), "127.0.0.1")
    assert api_auth_required(AuthSettings(), "0.0.0.0")
    assert not api_auth_required(AuthSettings(required=False), "0.0.0.0")
    assert api_auth_required(AuthSettings(required=True), "127.0.0.1")


def test_sessions_cookies_and_csrf(client: TestClient, wire: Wire) -> None:
    assert client.get("/desk", follow_redirects=False).headers["location"].startswith("/signin")
    form = client.get("/signin")
    csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
    without = client.post("/signin", data={"name": "ada", "password": PASSWORD, "csrf": "forged"})
    assert without.status_code == 403
    not_ascii = client.post("/signin", data={"name": "ada", "password": PASSWORD, "csrf": "é"})
    assert not_ascii.status_code == 403  # refused, not a 500 from the comparison
    wrong = client.post("/signin", data={"name": "ada", "password": "nope", "csrf": csrf})
    assert wrong.status_code == 401 and "Wrong user name or password" in wrong.text
    answer = client.post(
        "/signin",
        data={"name": "ada", "password": PASSWORD, "csrf": csrf, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/desk"
    cookie = next(
        c for c in answer.headers.get_list("set-cookie") if c.startswith("polywire_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    # the session reads the API without a token, but may not write without its CSRF token
    assert client.get("/v1/stories").status_code == 200
    assert client.post("/v1/stories", json={"content": STORY.decode()}).status_code == 401
    assert client.post("/signout", data={"csrf": "forged"}).status_code == 403
    sign_in(client, "ada")
    assert client.post("/signout", data={"csrf": "é"}).status_code == 403
    sign_in(client, "ada")


def test_the_first_admin_is_made_once(tmp_path: Path) -> None:
    from polywire.config import load_settings
    from polywire.services import UserService

    wire = Wire(load_settings(data_dir=tmp_path / "data", languages=[]))
    try:
        users = UserService(wire)
        made = users.add_first_admin(None)
        assert made is not None
        added, password = made
        with wire.database.read() as conn:
            user = accounts.authenticate(conn, added.name, password)
        assert user is not None and user.is_admin and user.publisher is None
        assert users.add_first_admin(None) is None
    finally:
        wire.close()


def test_accounts_on_each_store(database_url: str, tmp_path: Path) -> None:
    from polywire.config import load_settings
    from polywire.domain import Role

    wire = Wire(load_settings(data_dir=tmp_path / "data", database_url=database_url))
    try:
        with wire.database.write() as conn:
            user = accounts.add_user(conn, "eve", PASSWORD, Role.EDITOR, "acme")
            session, csrf = accounts.start_session(conn, user, hours=1)
            _, token = accounts.add_token(conn, "eve", "ci", [Scope.READ, Scope.WRITE])
            accounts.set_subscriber_owner(conn, "s1", "acme")
        with wire.database.write() as conn:
            assert accounts.session_user(conn, session) == (user, csrf)
            principal = accounts.token_principal(conn, token)
            assert principal is not None and principal.user == user
            assert principal.scopes == frozenset({Scope.READ, Scope.WRITE})
            assert accounts.subscribers_of(conn, "acme") == {"s1"}
            accounts.end_session(conn, session)
            assert accounts.session_user(conn, session) is None
            assert accounts.list_tokens(conn)[0].last_used is not None
            session, _ = accounts.start_session(conn, user, hours=1)
            accounts.disable_user(conn, "eve")
            assert accounts.session_user(conn, session) is None
            assert accounts.token_principal(conn, token) is None
            assert accounts.authenticate(conn, "eve", PASSWORD) is None
    finally:
        wire.close()


def test_password_guessing_is_slowed_down(client: TestClient) -> None:
    form = client.get("/signin")
    csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
    for _ in range(5):
        wrong = client.post("/signin", data={"name": "ada", "password": "guess", "csrf": csrf})
        assert wrong.status_code == 401
    # five wrong passwords from one address hold that address back, even with the right one
    right = client.post("/signin", data={"name": "ada", "password": PASSWORD, "csrf": csrf})
    assert right.status_code == 429 and "Too many failed sign-ins" in right.text
    assert 0 < int(right.headers["retry-after"]) <= 900


def test_the_throttle_forgets_old_failures() -> None:
    from polywire.web.pages.throttle import SignInThrottle

    clock = [1000.0]
    limiter = SignInThrottle(pair_limit=2, window_seconds=60, clock=lambda: clock[0])
    limiter.failed("ada", "192.0.2.1")
    limiter.failed("ada", "192.0.2.1")
    assert limiter.admit("ada", "192.0.2.1") == 60
    clock[0] += 30
    assert limiter.admit("ada", "192.0.2.1") == 30
    clock[0] += 31
    assert limiter.admit("ada", "192.0.2.1") == 0
    limiter.failed("ada", "192.0.2.1")
    limiter.succeeded("ada", "192.0.2.1")
    assert limiter.admit("ada", "192.0.2.1") == 0


def test_routes_learn_which_publisher_a_request_acts_for(wire: Wire) -> None:
    from polywire.web.app import create_app
    from polywire.web.pages.guard import acting_publisher

    app = create_app(wire)

    @app.get("/v1/acting-publisher")
    async def acting(request: Request) -> dict[str, str | None]:
        return {"publisher": acting_publisher(request)}

    with TestClient(app) as client:
        for user, expected in (("acme", "acme"), ("ada", None)):
            token = token_for(wire, user)
            answer = client.get(
                "/v1/acting-publisher", headers={"Authorization": f"Bearer {token}"}
            )
            assert answer.json() == {"publisher": expected}


def test_cookies_are_secure_behind_https(tmp_path: Path) -> None:
    from polywire.config import load_settings
    from polywire.domain import Role
    from polywire.web.app import create_app

    wire = Wire(load_settings(data_dir=tmp_path / "data", auth={"secure_cookies": True}))
    try:
        with wire.database.write() as conn:
            accounts.add_user(conn, "ada", PASSWORD, Role.ADMIN, None)
        with TestClient(create_app(wire), base_url="https://testserver") as client:
            form = client.get("/signin")
            assert "Secure" in form.headers["set-cookie"]
            csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
            answer = client.post(
                "/signin",
                data={"name": "ada", "password": PASSWORD, "csrf": csrf},
                follow_redirects=False,
            )
            session = next(
                c
                for c in answer.headers.get_list("set-cookie")
                if c.startswith("polywire_session=")
            )
            assert "Secure" in session and "HttpOnly" in session
    finally:
        wire.close()
