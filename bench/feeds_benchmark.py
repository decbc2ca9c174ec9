"""Feeds: conditional GETs answered 304 per second, against full 200 responses of the same feed
in the same run.

The wire runs as `polywire serve --no-workers` in its own process, its SQLite store holding
`--stories` released stories (one feed of `--stories` entries). Clients keep connections open
(`--concurrency` of them) and fetch `/feeds/en/all.atom` for `--seconds`: first without
validators (every answer a full 200 feed, from the cache: a release since the last request would
rebuild it), then with `If-None-Match` (every answer a 304 with no body).

    python bench/feeds_benchmark.py --stories 50 --seconds 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

import httpx
from processes import spawn, wait_for_port

from polywire.config import load_settings
from polywire.services import StoryService
from polywire.wire import Wire

FEED = "/feeds/en/all.atom"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def seed(wire: Wire, stories: int) -> None:
    for number in range(stories):
        text = (
            f"Cooperative number {number} opens a solar farm\n\n"
            f"PORTLAND (Polywire) – Cooperative number {number} opened a solar farm on Tuesday, "
            "owned by its own customers, the largest of its kind in the region.\n\n"
            "The farm covers 210 acres and will power about 7,800 homes a year, the cooperative "
            "said, and a second site is planned for 2027.\n"
        )
        StoryService(wire).submit(
            None, text.encode(), source=f"story-{number}.txt", sectors=["Energy"]
        )
    await wire.worker().run_until_idle()


async def hammer(
    client: httpx.AsyncClient, headers: dict[str, str], expected: int, seconds: float, tasks: int
) -> tuple[int, int]:
    """Responses per run and bytes of the last body."""
    deadline = time.monotonic() + seconds
    counts = [0] * tasks
    size = 0

    async def loop(index: int) -> None:
        nonlocal size
        while time.monotonic() < deadline:
            response = await client.get(FEED, headers=headers)
            if response.status_code != expected:
                raise RuntimeError(f"{FEED}: {response.status_code}, expected {expected}")
            size = len(response.content)
            counts[index] += 1

    await asyncio.gather(*(loop(i) for i in range(tasks)))
    return sum(counts), size


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(
            data_dir=Path(folder), database_url=f"sqlite:///{Path(folder) / 'bench.db'}"
        )
        wire = Wire(settings)
        await seed(wire, args.stories)
        wire.close()
        port = free_port()
        env = {
            **os.environ,
            "POLYWIRE_DATA_DIR": folder,
            "POLYWIRE_DATABASE_URL": settings.resolved_database_url,
            "POLYWIRE_DELIVER__FEED_ITEMS": str(args.stories),
            "POLYWIRE_LOG_LEVEL": "WARNING",
        }
        server = spawn(
            [sys.executable, "-m", "polywire", "serve", "--no-workers", "--port", str(port)], env
        )
        try:
            wait_for_port(port, server)
            limits = httpx.Limits(max_connections=args.concurrency)
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30
            ) as client:
                first = await client.get(FEED)
                etag = first.headers["etag"]
                full, size = await hammer(client, {}, 200, args.seconds, args.concurrency)
                not_modified, _ = await hammer(
                    client, {"If-None-Match": etag}, 304, args.seconds, args.concurrency
                )
        finally:
            server.terminate()
            server.wait()
    full_rate = full / args.seconds
    not_modified_rate = not_modified / args.seconds
    print(f"200 full feed ({args.stories} entries, {size:,} bytes): {full_rate:,.0f} responses/s")
    print(f"304 not modified: {not_modified_rate:,.0f} responses/s")
    print(f"ratio 304 / 200: {not_modified_rate / full_rate:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
