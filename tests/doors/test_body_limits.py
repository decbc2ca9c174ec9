"""Huge bodies: every request body is capped per route before it is read, declared or not."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from spine.samples import STORY
from sqlalchemy import func, select

from doors.conftest import SUBSCRIBER, read_to_end, serve, stored
from polywire.config import Settings, load_settings
from polywire.store.tables import jobs
from polywire.wire import Wire

FORM = "application/x-www-form-urlencoded"
UPLOAD_PREFIX = (
    b'--cut\r\nContent-Disposition: form-data; name="file"; filename="story.txt"\r\n'
    b"Content-Type: text/plain\r\n\r\nHeadline\r\n\r\n"
)
UPLOAD = "multipart/form-data; boundary=cut"
KIB = 1024


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        languages=[],
        max_upload_bytes=16 * KIB,
        http={"form_body_bytes": 4 * KIB, "api_body_bytes": 8 * KIB},
    )


class Body:
    """A request body sent in 1 KiB chunks after a prefix, counting how many the server took."""

    def __init__(self, prefix: bytes = b"", chunks: int = 1000) -> None:
        self.prefix = prefix
        self.chunks = chunks
        self.taken = 0

    def __iter__(self) -> Iterator[bytes]:
        yield self.prefix
        for _ in range(self.chunks):
            self.taken += 1
            yield b"a" * KIB

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


def job_count(wire: Wire) -> int:
    with wire.database.read() as conn:
        return int(conn.execute(select(func.count()).select_from(jobs)).scalar_one())


ROUTES = [
    ("/signin", FORM, b"name=x&password="),  # 442 MB went to disk before its 403
    ("/websub", FORM, b"hub.mode=subscribe&hub.callback="),  # 900 MB raised the server by 845 MB
    ("/v1/stories", UPLOAD, UPLOAD_PREFIX),  # 498 MB before its 413
    ("/v1/subscribers", "application/json", b'{"name": "'),
    ("/unsubscribe/token", FORM, b"List-Unsubscribe="),
]


@pytest.mark.parametrize(("path", "content_type", "prefix"), ROUTES)
def test_a_declared_length_over_the_cap_is_refused_unread(
    client: TestClient, wire: Wire, path: str, content_type: str, prefix: bytes
) -> None:
    body = Body(prefix)
    headers = {"content-type": content_type, "content-length": str(1000 * KIB + len(prefix))}
    answer = client.post(path, content=body, headers=headers)
    assert answer.status_code == 413, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert "limit" in answer.json()["detail"]
    assert body.taken == 0
    assert stored(wire) == (0, 0)
    assert job_count(wire) == 0


@pytest.mark.parametrize(("path", "content_type", "prefix"), ROUTES[:-1])  # a bad link: 400
async def test_a_chunked_body_growing_past_the_cap_is_cut(
    wire: Wire, path: str, content_type: str, prefix: bytes
) -> None:
    """httpx's ASGI transport hands the body over chunk by chunk, as a server does."""
    from polywire.web.app import create_app

    body = Body(prefix)
    transport = httpx.ASGITransport(app=create_app(wire))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        answer = await client.post(
            path, content=aiter(body), headers={"content-type": content_type}
        )
    assert answer.status_code == 413, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["connection"] == "close"
    assert body.taken < 100  # the largest cap here is the upload's 16 KiB + 64 KiB of margin
    assert stored(wire) == (0, 0)
    assert job_count(wire) == 0


def test_each_route_has_its_own_cap(client: TestClient, wire: Wire) -> None:
    paragraphs = b"".join(
        b"\n\nParagraph %d of the story tells more of it." % n for n in range(250)
    )
    story = STORY + paragraphs  # over the API's 8 KiB, under the upload's 16
    assert 8 * KIB < len(story) < 16 * KIB
    upload = client.post("/v1/stories", files={"file": ("story.txt", story)})
    assert upload.status_code == 201, upload.text
    assert client.post("/v1/subscribers", json=SUBSCRIBER).status_code == 201
    huge = {**SUBSCRIBER, "name": "x" * 9 * KIB}
    assert client.post("/v1/subscribers", json=huge).status_code == 413
    assert stored(wire) == (1, 1)


async def test_a_served_wire_answers_413_and_stops_reading(wire: Wire) -> None:
    from polywire.web.app import create_app

    async with serve(create_app(wire), wire.settings.http) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST /v1/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000000\r\n"
            b"Content-Type: " + UPLOAD.encode() + b"\r\n\r\n" + UPLOAD_PREFIX
        )
        declared = await read_to_end(reader)
        writer.close()
        assert declared.startswith(b"HTTP/1.1 413"), declared

        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST /v1/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: " + UPLOAD.encode() + b"\r\n\r\n"
        )
        writer.write(b"%x\r\n%s\r\n" % (len(UPLOAD_PREFIX), UPLOAD_PREFIX))
        answer = asyncio.create_task(read_to_end(reader))
        sent = 0
        with contextlib.suppress(ConnectionError):
            while not answer.done() and sent < 64 * KIB:  # 64 MiB at most
                writer.write(b"400\r\n" + b"a" * KIB + b"\r\n")
                await writer.drain()
                await asyncio.sleep(0)  # let the answer be read
                sent += 1
        chunked = await answer
        writer.close()
        assert chunked.startswith(b"HTTP/1.1 413"), chunked
        assert sent < 64 * KIB
    assert stored(wire) == (0, 0)
