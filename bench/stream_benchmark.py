"""Live stream: connections one process holds, memory per connection, and the time one event
takes to reach all of them, against bare sockets written the same bytes in the same run.

The wire runs as `polywire serve --no-workers` in its own process (SQLite store in a temporary
folder). This script opens N stream connections to it with a desktop subscriber's token, reads
the server's resident memory before and after (memory per connection), then appends events to
the log and times, for each, the span from its commit to its arrival on every connection (the
wire's log tail polls every `--poll` seconds, so up to one poll interval is part of that span).

The baseline is a bare asyncio server in its own process that accepts the same N connections,
answers the same HTTP headers, and on a signal writes the same frame to every socket: the cost of
holding and writing to a socket with nothing of the wire's on top.

    python bench/stream_benchmark.py --connections 10000
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from processes import spawn, wait_for_port

from polywire.config import load_settings
from polywire.domain import Event
from polywire.publish.feeds.broadcast import encode_event
from polywire.publish.subscribers import parse_spec
from polywire.store.subscribers import add_subscriber
from polywire.store.types import utcnow
from polywire.wire import Wire

ID = re.compile(rb"id: (\d+)\n")
HEADERS = (
    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
    b"cache-control: no-store\r\ntransfer-encoding: chunked\r\n\r\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


@dataclass
class Clients:
    """N raw connections that note when each event id arrives on each of them."""

    arrivals: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))
    waiting: dict[int, tuple[int, asyncio.Event]] = field(default_factory=dict)
    writers: list[asyncio.StreamWriter] = field(default_factory=list)
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def open(self, port: int, request: bytes, count: int, ready: bytes) -> None:
        for start in range(0, count, 500):
            await asyncio.gather(
                *(self._open_one(port, request, ready) for _ in range(min(500, count - start)))
            )

    async def _open_one(self, port: int, request: bytes, ready: bytes) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        buffer = b""
        while ready not in buffer:
            chunk = await reader.read(65536)
            if not chunk:
                raise RuntimeError(f"connection closed before {ready!r}: {buffer[:200]!r}")
            buffer += chunk
        self.writers.append(writer)
        self.tasks.append(asyncio.create_task(self._read(reader)))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        while chunk := await reader.read(65536):
            now = time.monotonic()
            for match in ID.finditer(chunk):
                seq = int(match.group(1))
                self.arrivals[seq].append(now)
                wanted = self.waiting.get(seq)
                if wanted is not None and len(self.arrivals[seq]) >= wanted[0]:
                    wanted[1].set()

    async def wait_for(self, seq: int, count: int, limit: float) -> list[float]:
        done = asyncio.Event()
        self.waiting[seq] = (count, done)
        if len(self.arrivals[seq]) >= count:
            done.set()
        async with asyncio.timeout(limit):
            await done.wait()
        return self.arrivals[seq]

    async def close(self) -> None:
        for writer in self.writers:
            writer.close()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


@dataclass
class Result:
    name: str
    connections: int
    kib_per_connection: float
    latencies: list[float]

    def line(self) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        return (
            f"{self.name:>12}: {self.connections} connections, "
            f"{self.kib_per_connection:.1f} KiB each, "
            f"to all: p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
            f"max {ordered[-1] * 1000:.0f} ms"
        )


async def measure(
    name: str,
    server: subprocess.Popen[bytes],
    port: int,
    request: bytes,
    ready: bytes,
    connections: int,
    events: int,
    publish: Callable[[], tuple[int, float]],
) -> Result:
    clients = Clients()
    await clients.open(port, request, 1, ready)
    await asyncio.sleep(1)
    before = rss_kib(server.pid)
    await clients.open(port, request, connections - 1, ready)
    await asyncio.sleep(1)
    after = rss_kib(server.pid)
    latencies: list[float] = []
    for _ in range(events):
        seq, committed = await asyncio.to_thread(publish)
        arrivals = await clients.wait_for(seq, connections, limit=120)
        latencies.append(max(arrivals) - committed)  # the event reached all connections
        await asyncio.sleep(0.5)
    await clients.close()
    return Result(name, connections, (after - before) / max(1, connections - 1), latencies)


def sample_event(seq: int) -> Event:
    return Event(
        seq=seq,
        type="released",
        story_id="0" * 32,
        version=1,
        language="en",
        created=utcnow(),
        payload={
            "uri": "urn:polywire:story:" + "0" * 32,
            "headline": "Harbor Valley opens a community solar farm",
            "pubstatus": "usable",
            "sectors": ["Energy"],
        },
    )


async def run_wire(args: argparse.Namespace, folder: Path) -> Result:
    settings = load_settings(data_dir=folder, database_url=f"sqlite:///{folder / 'bench.db'}")
    wire = Wire(settings)
    spec = parse_spec(
        {
            "name": "bench desk",
            "kind": "desktop",
            "languages": ["en"],
            "destinations": [{"channel": "stream"}],
        }
    )
    with wire.database.write() as conn:
        _, token = add_subscriber(conn, spec)
    port = free_port()
    env = {
        **os.environ,
        "POLYWIRE_DATA_DIR": str(folder),
        "POLYWIRE_DATABASE_URL": settings.resolved_database_url,
        "POLYWIRE_DELIVER__LOG_POLL_SECONDS": str(args.poll),
        "POLYWIRE_DELIVER__STREAM_HEARTBEAT_SECONDS": "600",
        "POLYWIRE_LOG_LEVEL": "WARNING",
    }
    server = spawn(
        [sys.executable, "-m", "polywire", "serve", "--no-workers", "--port", str(port)], env
    )
    try:
        wait_for_port(port, server)
        request = f"GET /v1/stream?token={token} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()

        def publish() -> tuple[int, float]:
            event = sample_event(0)
            with wire.database.write() as conn:
                seq = wire.events.append(
                    conn, event.type, event.story_id, 1, "en", dict(event.payload)
                )
            return seq, time.monotonic()

        return await measure(
            "wire SSE", server, port, request, b"retry:", args.connections, args.events, publish
        )
    finally:
        server.terminate()
        server.wait()
        wire.close()


async def bare_server(port: int, control_port: int) -> None:
    """The baseline: hold sockets; on `seq\\n` from the control port, write one frame to all."""
    writers: list[asyncio.StreamWriter] = []

    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return  # a probe that only checked the port
        writer.write(HEADERS + _chunk(b"retry: 1000\n\n"))
        writers.append(writer)

    async def control(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while line := await reader.readline():
            frame = _chunk(encode_event(sample_event(int(line))))
            for client in writers:
                client.write(frame)

    await asyncio.start_server(accept, "127.0.0.1", port, backlog=4096)
    await asyncio.start_server(control, "127.0.0.1", control_port)
    await asyncio.Event().wait()


def _chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


async def run_bare(args: argparse.Namespace) -> Result:
    port, control_port = free_port(), free_port()
    server = spawn([sys.executable, __file__, "--bare-server", f"{port}:{control_port}"])
    try:
        wait_for_port(port, server)
        wait_for_port(control_port, server)
        control = socket.create_connection(("127.0.0.1", control_port))
        counter = iter(range(1, 1_000_000))

        def publish() -> tuple[int, float]:
            seq = next(counter)
            committed = time.monotonic()
            control.sendall(f"{seq}\n".encode())
            return seq, committed

        request = b"GET / HTTP/1.1\r\nHost: bench\r\n\r\n"
        result = await measure(
            "bare sockets", server, port, request, b"retry:", args.connections, args.events, publish
        )
        control.close()
        return result
    finally:
        server.terminate()
        server.wait()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=20, help="events timed per run")
    parser.add_argument("--poll", type=float, default=0.1, help="the wire's log poll interval")
    parser.add_argument("--bare-server", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_server:
        port, control_port = (int(p) for p in args.bare_server.split(":"))
        await bare_server(port, control_port)
        return
    with tempfile.TemporaryDirectory() as folder:
        wire = await run_wire(args, Path(folder))
    bare = await run_bare(args)
    print(wire.line())
    print(bare.line())
    print(
        f"memory per connection, wire / bare: "
        f"{wire.kib_per_connection / max(bare.kib_per_connection, 0.01):.1f}; "
        f"p99 to all, wire / bare: "
        f"{sorted(wire.latencies)[-1] / max(sorted(bare.latencies)[-1], 1e-6):.1f} (max)"
    )


if __name__ == "__main__":
    asyncio.run(main())
