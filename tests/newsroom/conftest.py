from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from polywire.config import Settings, load_settings
from polywire.domain import Role, Scope
from polywire.store import accounts
from polywire.wire import Wire

PASSWORD = "correct horse battery staple"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        languages=[],
        auth={"required": True},
        review={"rules": []},  # translations that pass go out (the policy: tests/review)
    )


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    with opened.database.write() as conn:
        accounts.add_user(conn, "ada", PASSWORD, Role.ADMIN, None)
        accounts.add_user(conn, "acme", PASSWORD, Role.PUBLISHER, "acme")
        accounts.add_user(conn, "globex", PASSWORD, Role.PUBLISHER, "globex")
    yield opened
    opened.close()


@pytest.fixture
def client(wire: Wire) -> Iterator[TestClient]:
    from polywire.web.app import create_app

    with TestClient(create_app(wire)) as test_client:
        yield test_client


def token_for(wire: Wire, user: str, *scopes: Scope) -> str:
    with wire.database.write() as conn:
        _, token = accounts.add_token(conn, user, "test", list(scopes or (Scope.READ,)))
    return token


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> None:
    form = client.get("/signin")
    csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
    answer = client.post(
        "/signin",
        data={"name": name, "password": password, "csrf": csrf, "next": "/desk"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


@pytest.fixture
def through_the_api(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's `--api` calls reach the app under test in this process."""

    def request(method: str, url: str, *, timeout: float, **kwargs: Any) -> httpx.Response:
        return client.request(method, url, **kwargs)

    monkeypatch.setattr(httpx, "request", request)
