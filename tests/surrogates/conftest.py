"""A wire on SQLite and PostgreSQL, its HTTP app, and bodies that carry lone surrogates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polywire.config import Settings, load_settings
from polywire.wire import Wire

STORY = (
    "Harbor Valley opens a community solar farm\n\n"
    "PORTLAND (Polywire) – Harbor Valley Energy Cooperative opened a 40-megawatt solar "
    "farm on Tuesday, owned by its own customers.\n\n"
    "The farm covers 210 acres and will power about 7,800 homes a year.\n"
)

#: Every surface the public and a subscriber read, for one story id.
SURFACES = (
    "/",
    "/news/en",
    "/news/en/{id}",
    "/news/latest.json",
    "/feeds/en/all.rss",
    "/feeds/en/all.atom",
    "/feeds/en/all.json",
    "/v1/stories",
    "/v1/stories/{id}",
    "/v1/stories/{id}/ninjs",
    "/v1/stories/{id}/ninjs?lang=en&version=1",
)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        languages=[],
        deliver={"public_url": "http://wire.test", "log_poll_seconds": 0.05},
        publish={"outbound": {"allow_loopback": True}},
    )


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()


@pytest.fixture
def client(wire: Wire) -> Iterator[TestClient]:
    from polywire.web.app import create_app

    with TestClient(create_app(wire), raise_server_exceptions=False) as test_client:
        yield test_client


def multipart(fields: list[tuple[str, str]], *, charset: str, file: tuple[str, bytes]) -> bytes:
    """A multipart/form-data body whose text parts are encoded in `charset` (as a client may
    declare it), with one file part."""
    parts = [
        b'--b\r\nContent-Disposition: form-data; name="'
        + name.encode("ascii")
        + b'"\r\n\r\n'
        + value.encode(charset, "surrogatepass")
        + b"\r\n"
        for name, value in fields
    ]
    filename, data = file
    parts.append(
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="'
        + filename.encode(charset, "surrogatepass")
        + b'"\r\nContent-Type: text/plain\r\n\r\n'
        + data
        + b"\r\n"
    )
    return b"".join(parts) + b"--b--\r\n"


def multipart_type(charset: str) -> dict[str, str]:
    return {"Content-Type": f"multipart/form-data; charset={charset}; boundary=b"}
