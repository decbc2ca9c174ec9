"""Slow and numerous clients: half-sent requests time out, connections past the limit are
closed at once, the server keeps answering, and a flood of identical log lines is one line."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import httpx
import pytest

from doors.conftest import read_to_end, serve
from polywire.config import HttpSettings
from polywire.web.log_repeats import RepeatFilter
from polywire.wire import Wire

QUICK = HttpSettings(header_timeout_seconds=0.5, body_timeout_seconds=0.5, max_connections=20)


@pytest.fixture
async def port(wire: Wire) -> AsyncIterator[int]:
    from polywire.web.app import create_app

    async with serve(create_app(wire), QUICK) as served:
        yield served


async def test_half_a_request_line_is_closed_with_408(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /heal")
    answer = await read_to_end(reader)
    writer.close()
    assert answer.startswith(b"HTTP/1.1 408"), answer


async def test_a_silent_connection_and_trickled_headers_are_closed(port: int) -> None:
    silent_reader, silent = await asyncio.open_connection("127.0.0.1", port)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /healthz HTTP/1.1\r\n")
    closed = asyncio.create_task(read_to_end(reader))
    while not closed.done():  # a header line now and then keeps no connection open for ever
        writer.write(b"X-Slow: 1\r\n")
        await writer.drain()
        await asyncio.wait({closed}, timeout=0.1)
    assert (await closed).startswith(b"HTTP/1.1 408")
    assert await read_to_end(silent_reader) == b""  # nothing asked, nothing answered
    silent.close()
    writer.close()


async def test_a_body_that_stops_coming_is_cut(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        b"POST /v1/subscribers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b'Content-Length: 100\r\n\r\n{"name": '
    )
    answer = await read_to_end(reader)
    writer.close()
    assert answer.startswith(b"HTTP/1.1 408"), answer


async def test_a_kept_alive_connection_still_works_then_times_out(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /heal")
    answer = await read_to_end(reader)
    writer.close()
    assert answer.startswith(b"HTTP/1.1 200")
    assert b"HTTP/1.1 408" in answer


async def test_connections_past_the_limit_do_not_take_the_server_down(
    port: int, caplog: pytest.LogCaptureFixture
) -> None:
    opened = [await asyncio.open_connection("127.0.0.1", port) for _ in range(60)]
    for _, writer in opened:
        writer.write(b"GET /healthz HTTP/1.1\r\n")  # and no more
    answers = await asyncio.gather(*(read_to_end(reader) for reader, _ in opened))
    for _, writer in opened:
        writer.close()
    refused = [a for a in answers if a == b""]  # closed at once, never read
    timed_out = [a for a in answers if a.startswith(b"HTTP/1.1 408")]
    assert len(refused) + len(timed_out) == 60
    assert refused and len(timed_out) >= QUICK.max_connections  # type: ignore[operator]
    limit_lines = [r for r in caplog.records if "connections open" in r.getMessage()]
    assert len(limit_lines) == 1  # one line, however many were refused
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        assert (await client.get("/healthz")).status_code == 200


def test_a_flood_of_identical_log_lines_is_one_line_per_interval() -> None:
    now = [0.0]
    logger = logging.getLogger("polywire.test.flood")
    logger.propagate = False
    seen: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    logger.addFilter(RepeatFilter(60, clock=lambda: now[0]))
    for n in range(10_000):
        logger.error(f"socket.accept() out of system resource\nhandle: <TimerHandle {n}>")
    logger.error("another thing: %s", "once")
    now[0] = 61.0
    logger.error("socket.accept() out of system resource")
    assert seen == [
        "socket.accept() out of system resource\nhandle: <TimerHandle 0>",
        "another thing: once",
        "socket.accept() out of system resource [9999 more like it in the last 61s]",
    ]


async def test_one_address_cannot_take_every_connection(wire: Wire) -> None:
    from polywire.web.app import create_app

    # loopback stands for a client here: the trusted proxy is elsewhere
    http = QUICK.model_copy(
        update={
            "max_connections_per_client": 5,
            "forwarded_allow_ips": "192.0.2.1",
            "header_timeout_seconds": 3,  # none is freed while the twelve are opened
        }
    )
    async with serve(create_app(wire), http) as port:
        opened = [await asyncio.open_connection("127.0.0.1", port) for _ in range(12)]
        answers = await asyncio.gather(*(read_to_end(reader) for reader, _ in opened))
        for _, writer in opened:
            writer.close()
        assert answers.count(b"") >= 7  # closed at once
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            assert (await client.get("/healthz")).status_code == 200
