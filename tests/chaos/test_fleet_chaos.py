"""The fleet heals itself: PostgreSQL (a database of its own), NATS JetStream (its own port and
store), one `serve` and two `worker` processes, webhook subscribers, and faults:

1. a worker killed (SIGKILL) while it holds leases, and NATS restarted within the lease: the
   jobs it held return to work (finding 1);
2. NATS stopped for a few seconds while stories arrive: the jobs claimed meanwhile are sent
   again at once when it is back, not after the relay's hold (finding 2).

After each fault, within the lease plus 30 s of its end: every story reached every subscriber,
no job is left undone, and a story that reached a subscriber twice did so under the same
`webhook-id` (a repeat the subscriber can drop)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from cluster.processes import WireProcess, until
from helpers import free_port
from prometheus_client.parser import text_string_to_metric_families
from spine.own_nats import OwnNats
from spine.samples import distinct_story
from sqlalchemy import func, select

from chaos.hooks import Hooks
from polywire.config import load_settings
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store import subscribers as subscriber_store
from polywire.store.tables import jobs
from polywire.wire import Wire

pytestmark = [pytest.mark.postgres, pytest.mark.nats, pytest.mark.timeout(300)]

LEASE_SECONDS = 5.0
SUBSCRIBERS = 6
STORIES_PER_FAULT = 6
NATS_OUTAGE_SECONDS = 5.0
HEALED_WITHIN = LEASE_SECONDS + 30


def test_the_fleet_heals_itself_after_each_fault(
    tmp_path: Path,
    postgres_url: str,
    own_nats: OwnNats,
    hooks: Hooks,
    subprocess_env: dict[str, str],
    processes: list[WireProcess],
) -> None:
    settings = {
        "DATABASE_URL": postgres_url,
        "BUS": "nats",
        "NATS_URL": own_nats.url,
        "NATS_PREFIX": "chaos",
        "LANGUAGES": "[]",
        "JOBS__LEASE_SECONDS": str(LEASE_SECONDS),
        "JOBS__POLL_SECONDS": "0.2",
        "JOBS__NATS_RECONNECT_SECONDS": "0.2",
        "PUBLISH__OUTBOUND__ALLOW_LOOPBACK": "true",
        "CLUSTER__HEARTBEAT_SECONDS": "0.5",
    }
    env = {**subprocess_env, **{f"POLYWIRE_{k}": v for k, v in settings.items()}}
    wire = Wire(
        load_settings(
            data_dir=tmp_path,
            database_url=postgres_url,
            bus="nats",
            nats_url=own_nats.url,
            nats_prefix="chaos",
            languages=[],
        )
    )
    paths = [f"/subscriber-{n}" for n in range(SUBSCRIBERS)]
    with wire.database.write() as conn:
        for path in paths:
            spec = parse_spec(
                {
                    "name": path,
                    "languages": ["en"],
                    "destinations": [
                        {"channel": "webhook", "format": "ninjs2", "address": hooks.url(path)}
                    ],
                }
            )
            subscriber_store.add_subscriber(conn, spec)

    serve = WireProcess(["serve", "--no-workers", "--port", str(free_port())], env)
    metrics_port = free_port()
    doomed = WireProcess(["worker"], env)
    survivor = WireProcess(
        ["worker"], {**env, "POLYWIRE_CLUSTER__WORKER_METRICS_PORT": str(metrics_port)}
    )
    processes.extend([serve, doomed, survivor])
    serve.wait_for("polywire serving on")
    doomed.wait_for("polywire worker started")
    survivor.wait_for("polywire worker started")
    versions: list[tuple[str, int]] = []  # (story uri, version) of each story submitted

    def submit(first: int) -> None:
        for number in range(first, first + STORIES_PER_FAULT):
            story = StoryService(wire).submit(
                None, distinct_story(number), source=f"story-{number}.txt"
            )
            versions.append((f"urn:polywire:story:{story.story_id}", story.version))

    def expected() -> set[tuple[str, str, int]]:
        return {(path, uri, version) for path in paths for uri, version in versions}

    def healed() -> bool:
        if not expected() <= set(hooks.received()):
            return False
        with wire.database.read() as conn:
            undone = conn.execute(
                select(func.count()).where(jobs.c.state.not_in(("done", "discarded")))
            ).scalar_one()
        return undone == 0

    def healed_within(fault_ended: float, what: str) -> None:
        until(healed, within=HEALED_WITHIN + 30)
        took = time.monotonic() - fault_ended
        assert took <= HEALED_WITHIN, f"{what}: healed after {took:.1f} s"

    # 1. a worker dies holding leases, and NATS restarts within the lease
    hooks.delay = 1.0  # slow subscribers: deliveries stay in the workers' hands
    submit(0)
    held_by_doomed = leased_by(wire, doomed)
    until(held_by_doomed, within=60, every=0.05)
    doomed.kill()
    own_nats.stop()
    own_nats.start()
    fault_ended = time.monotonic()
    hooks.delay = 0.0
    healed_within(fault_ended, "worker killed, NATS restarted")

    # 2. NATS away for a few seconds while stories arrive
    own_nats.stop()
    submit(STORIES_PER_FAULT)
    time.sleep(NATS_OUTAGE_SECONDS)  # the outage itself
    own_nats.start()
    healed_within(time.monotonic(), "NATS away for a while")

    arrived = hooks.received()
    assert set(arrived) == expected()
    repeated_under_new_ids = {key: ids for key, ids in arrived.items() if len(set(ids)) > 1}
    assert repeated_under_new_ids == {}
    with wire.database.read() as conn:
        states = dict(conn.execute(select(jobs.c.state, func.count()).group_by(jobs.c.state)).all())
    assert set(states) <= {"done", "discarded"}, states
    assert survivor.process.poll() is None and serve.process.poll() is None

    # the surviving worker's own numbers, on its metrics port
    scraped = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics").text
    assert "# TYPE polywire_nats_redeliveries_total counter" in scraped
    done = [
        sample.value
        for family in text_string_to_metric_families(scraped)
        for sample in family.samples
        if sample.name == "polywire_stage_duration_seconds_count"
        and sample.labels["outcome"] == "done"
    ]
    assert sum(done) > 0
    wire.close()


def leased_by(wire: Wire, process: WireProcess) -> Callable[[], bool]:
    """Whether `process` holds a lease on some job now."""
    owner = f"{socket.gethostname()}:{process.process.pid}/%"

    def ask() -> bool:
        with wire.database.read() as conn:
            held = conn.execute(
                select(func.count()).where(jobs.c.state == "leased", jobs.c.lease_owner.like(owner))
            ).scalar_one()
        return bool(held)

    return ask
