"""The event log on JetStream: with the NATS bus a `serve` process's live streams follow the
events other processes append through their announcements on the stream, not by polling the
store; across a NATS outage they read the store, and nothing is lost or sent twice."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from helpers import free_port, require_service
from spine.own_nats import NATS_SERVER, OwnNats

from cluster.processes import WireProcess
from polywire.bus.event_log import SqlEventLog
from polywire.config import load_settings
from polywire.wire import Wire

pytestmark = [pytest.mark.postgres, pytest.mark.nats]


def _append(wire: Wire, count: int, *, announced: bool = True) -> list[int]:
    """Release `count` events as a worker's release stage would; their sequence numbers. Not
    `announced`: as a worker that died between its commit and its announcement leaves them."""
    log = wire.events if announced else SqlEventLog(wire.database)
    seqs = []
    for _ in range(count):
        with wire.database.write() as conn:
            seqs.append(
                log.append(
                    conn,
                    "released",
                    f"story-{uuid.uuid4().hex[:8]}",
                    1,
                    "fr",
                    {"uri": "urn:test", "headline": "Titre", "pubstatus": "usable", "sectors": []},
                )
            )
    return seqs


class Frames:
    """The ids of the events one live-stream client receives, read as it needs them."""

    def __init__(self, stream: httpx.Response) -> None:
        self._lines = stream.iter_lines()
        self.ids: list[int] = []

    def until(self, count: int) -> list[int]:
        """Read until `count` events arrived in all (a read timeout fails the test)."""
        while len(self.ids) < count:
            line = next(self._lines)
            if line.startswith("id: "):
                self.ids.append(int(line[4:]))
        return self.ids


@contextmanager
def _serving(
    env: dict[str, str],
    processes: list[WireProcess],
    poll_seconds: float,
    check_seconds: float = 600,
) -> Iterator[Frames]:
    """A `serve` process and a live stream open on it; the store is read every `poll_seconds`
    while NATS is away, every `check_seconds` while the stream is quiet."""
    port = free_port()
    serve = WireProcess(
        ["serve", "--port", str(port)],
        {
            **env,
            "POLYWIRE_DELIVER__LOG_POLL_SECONDS": str(poll_seconds),
            "POLYWIRE_DELIVER__LOG_CHECK_SECONDS": str(check_seconds),
        },
    )
    processes.append(serve)
    serve.wait_for("polywire serving on")
    url = f"http://127.0.0.1:{port}/newsroom/stream"
    with httpx.Client(timeout=20) as client, client.stream("GET", url) as stream:
        assert stream.status_code == 200
        serve.wait_for("following the event stream")
        yield Frames(stream)


def _env(
    subprocess_env: dict[str, str], postgres_url: str, nats_url: str, prefix: str
) -> dict[str, str]:
    return {
        **subprocess_env,
        "POLYWIRE_LANGUAGES": "[]",
        "POLYWIRE_DATABASE_URL": postgres_url,
        "POLYWIRE_BUS": "nats",
        "POLYWIRE_NATS_URL": nats_url,
        "POLYWIRE_NATS_PREFIX": prefix,
        "POLYWIRE_JOBS__NATS_RECONNECT_SECONDS": "0.2",
    }


def _wire(tmp_path: Path, postgres_url: str, nats_url: str, prefix: str) -> Wire:
    return Wire(
        load_settings(
            data_dir=tmp_path / "appender",
            database_url=postgres_url,
            languages=[],
            bus="nats",
            nats_url=nats_url,
            nats_prefix=prefix,
            jobs={"nats_reconnect_seconds": 0.2},
        )
    )


def test_a_live_stream_gets_events_another_process_appends_without_polling(
    tmp_path: Path,
    postgres_url: str,
    subprocess_env: dict[str, str],
    processes: list[WireProcess],
) -> None:
    require_service("NATS JetStream", "127.0.0.1", 4222)
    nats_url, prefix = "nats://127.0.0.1:4222", f"test_{uuid.uuid4().hex[:12]}"
    wire = _wire(tmp_path, postgres_url, nats_url, prefix)
    try:
        env = _env(subprocess_env, postgres_url, nats_url, prefix)
        # the store read every 10 minutes: what arrives within the read timeout came from the
        # stream (or the one read when the reader subscribed)
        with _serving(env, processes, poll_seconds=600) as frames:
            appended = _append(wire, 5)
            assert frames.until(5) == appended
            appended += _append(wire, 3)
            assert frames.until(8) == appended
            # a gap: the next announcement names an event the reader has not seen, so it reads
            # the store from its last event
            appended += _append(wire, 2, announced=False) + _append(wire, 1)
            assert frames.until(11) == appended
    finally:
        wire.close()


def test_an_event_whose_announcement_was_lost_reaches_a_quiet_stream_from_the_store(
    tmp_path: Path,
    postgres_url: str,
    subprocess_env: dict[str, str],
    processes: list[WireProcess],
) -> None:
    require_service("NATS JetStream", "127.0.0.1", 4222)
    nats_url, prefix = "nats://127.0.0.1:4222", f"test_{uuid.uuid4().hex[:12]}"
    wire = _wire(tmp_path, postgres_url, nats_url, prefix)
    try:
        env = _env(subprocess_env, postgres_url, nats_url, prefix)
        with _serving(env, processes, poll_seconds=600, check_seconds=1) as frames:
            appended = _append(wire, 1)
            assert frames.until(1) == appended
            # nothing follows an unannounced event: the quiet stream's check finds it
            appended += _append(wire, 1, announced=False)
            assert frames.until(2) == appended
        assert len(set(frames.ids)) == len(frames.ids)
    finally:
        wire.close()


def test_a_nats_outage_mid_stream_loses_nothing_and_repeats_nothing(
    tmp_path: Path,
    postgres_url: str,
    subprocess_env: dict[str, str],
    processes: list[WireProcess],
) -> None:
    if not Path(NATS_SERVER).exists():
        pytest.skip(f"no nats-server at {NATS_SERVER}")
    server = OwnNats(tmp_path / "nats")
    server.start()
    prefix = f"test_{uuid.uuid4().hex[:12]}"
    wire = _wire(tmp_path, postgres_url, server.url, prefix)
    try:
        env = _env(subprocess_env, postgres_url, server.url, prefix)
        with _serving(env, processes, poll_seconds=0.1) as frames:
            appended = _append(wire, 3)
            assert frames.until(3) == appended

            server.stop()  # announcements fail; the live reader falls back to the store
            appended += _append(wire, 3)
            assert frames.until(6) == appended

            server.start()  # back: the reader follows the stream again
            appended += _append(wire, 3)
            assert frames.until(9) == appended

            server.stop()
            server.start(fresh_store=True)  # back without its stream: made again
            appended += _append(wire, 3)
            assert frames.until(12) == appended
        assert len(set(frames.ids)) == len(frames.ids)
    finally:
        wire.close()
        server.stop()
