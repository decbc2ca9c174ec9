"""Stories per minute and deliveries per second of a fleet with 1 and with 3 worker processes,
in the same run (the 1-worker fleet is the baseline).

Each fleet: a fresh PostgreSQL database, NATS JetStream (a prefix of its own), W `polywire
worker` processes, S webhook subscribers (paths of one threaded receiver on loopback, answering
204 at once). Once the workers have started, N stories are submitted to the store at once (no
target languages: the figure is the fleet's, not a translation engine's); the clock runs from
the first submission to the last of the N x S deliveries arriving.

    python bench/fleet_benchmark.py --stories 30 --subscribers 20
    python bench/fleet_benchmark.py --admin-url postgresql+psycopg://postgres@127.0.0.1/postgres \
        --nats nats://127.0.0.1:4222 --workers 1 3
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sqlalchemy import create_engine, text

from polywire.config import load_settings
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store import subscribers as subscriber_store
from polywire.wire import Wire

SRC = str(Path(__file__).resolve().parents[1] / "src")
TOWNS = ["Leeds", "Porto", "Lyon", "Graz", "Turku", "Cork", "Gdansk", "Malmo", "Bergen", "Split"]
GOODS = ["bicycles", "ferries", "violins", "tractors", "lamps", "kayaks", "drones", "boilers"]


class Receiver:
    """Counts webhook deliveries; `all_in` is set when `expected` have arrived."""

    def __init__(self) -> None:
        self.count = 0
        self.expected = 0
        self.all_in = threading.Event()
        lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", "0")))
                self.send_response(204)
                self.end_headers()
                with lock:
                    receiver.count += 1
                    if receiver.count >= receiver.expected:
                        receiver.all_in.set()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def reset(self, expected: int) -> None:
        self.count = 0
        self.expected = expected
        self.all_in.clear()


def story(number: int) -> bytes:
    town, goods = TOWNS[number % len(TOWNS)], GOODS[number % len(GOODS)]
    return (
        f"Works number {number} opens in {town}\n\n"
        f"{town.upper()} (Polywire) – The firm said on Monday that it will build {goods} at "
        f"its new site in {town}, its number {number}, after long talks with the council "
        f"({uuid.uuid4().hex}).\n\nThe {goods} will be sold by dealers across the region.\n"
    ).encode()


def run_fleet(args: argparse.Namespace, workers: int, receiver: Receiver) -> tuple[float, int]:
    """Seconds from the first submission to the last delivery, and the deliveries counted."""
    name = f"polywire_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(args.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = args.admin_url.rsplit("/", 1)[0] + "/" + name
    prefix = f"bench_{uuid.uuid4().hex[:8]}"
    data_dir = tempfile.mkdtemp(prefix="polywire-bench-")
    settings = {
        "DATABASE_URL": url,
        "BUS": "nats",
        "NATS_URL": args.nats,
        "NATS_PREFIX": prefix,
        "LANGUAGES": "[]",
        "DATA_DIR": data_dir,
        "PUBLISH__OUTBOUND__ALLOW_LOOPBACK": "true",
        "LOG_LEVEL": "WARNING",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLYWIRE_")}
    env.update({f"POLYWIRE_{k}": v for k, v in settings.items()})
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    wire = Wire(
        load_settings(
            data_dir=Path(data_dir),
            database_url=url,
            bus="nats",
            nats_url=args.nats,
            nats_prefix=prefix,
            languages=[],
        )
    )
    processes: list[subprocess.Popen[str]] = []
    try:
        with wire.database.write() as conn:
            for n in range(args.subscribers):
                address = f"http://127.0.0.1:{receiver.port}/s{n}"
                spec = parse_spec(
                    {
                        "name": f"bench {n}",
                        "languages": ["en"],
                        "destinations": [
                            {"channel": "webhook", "format": "ninjs2", "address": address}
                        ],
                    }
                )
                subscriber_store.add_subscriber(conn, spec)
        for _ in range(workers):
            process = subprocess.Popen(
                [sys.executable, "-m", "polywire", "worker"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            processes.append(process)
        for process in processes:
            assert process.stdout is not None
            while "polywire worker started" not in process.stdout.readline():
                if process.poll() is not None:
                    raise RuntimeError(f"a worker exited with {process.returncode}")
        receiver.reset(args.stories * args.subscribers)
        started = time.perf_counter()
        for number in range(args.stories):
            StoryService(wire).submit(
                None, story(number), source=f"bench-{number}.txt", language="en", new_story=True
            )
        if not receiver.all_in.wait(args.timeout):
            raise RuntimeError(f"only {receiver.count} of {receiver.expected} deliveries arrived")
        return time.perf_counter() - started, receiver.count
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
        wire.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=30)
    parser.add_argument("--subscribers", type=int, default=20)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 3])
    parser.add_argument(
        "--admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--nats", default="nats://127.0.0.1:4222")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    receiver = Receiver()
    print(f"host {socket.gethostname()}, {os.cpu_count()} cores")
    print("| workers | stories | deliveries | seconds | stories/minute | deliveries/s | ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    baseline: float | None = None
    for workers in args.workers:
        seconds, delivered = run_fleet(args, workers, receiver)
        rate = delivered / seconds
        baseline = baseline or rate
        print(
            f"| {workers} | {args.stories} | {delivered} | {seconds:.1f} | "
            f"{args.stories * 60 / seconds:.0f} | {rate:.1f} | {rate / baseline:.2f} |"
        )


if __name__ == "__main__":
    main()
