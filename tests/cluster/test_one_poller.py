"""Finding 9: several `serve` replicas would all poll the same feeds. Now one process of the
fleet at a time polls, the one holding the feed lease in the store; when it stops another takes
over at once, when it dies another takes over once its lease lapses."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from helpers import free_port

from cluster.processes import WireProcess, until
from polywire.config import load_settings
from polywire.fleet.lease import Chore, LeasedChore
from polywire.wire import Wire


async def test_two_pollers_never_poll_at_once(tmp_path: Path, database_url: str) -> None:
    wire = Wire(load_settings(data_dir=tmp_path, database_url=database_url, languages=[]))
    active: set[str] = set()
    overlaps: list[set[str]] = []
    started = {owner: asyncio.Event() for owner in ("a", "b")}

    def chore_of(owner: str) -> Chore:
        async def chore(stop: asyncio.Event) -> None:
            if active:
                overlaps.append({*active, owner})
            active.add(owner)
            started[owner].set()
            await stop.wait()
            active.discard(owner)

        return chore

    pollers = {
        owner: LeasedChore(wire.database, "feed-poller", owner, 0.6, chore_of(owner))
        for owner in ("a", "b")
    }
    stops = {owner: asyncio.Event() for owner in pollers}
    running = {
        owner: asyncio.create_task(poller.run(stops[owner])) for owner, poller in pollers.items()
    }
    waits = [asyncio.create_task(event.wait()) for event in started.values()]
    await asyncio.wait(waits, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    (first,) = active
    deadline = time.monotonic() + 2  # several lease periods: the holder keeps renewing
    while time.monotonic() < deadline:
        assert active == {first}
        await asyncio.sleep(0.05)

    stops[first].set()  # a clean stop gives the lease back: the other takes over
    await running[first]
    (second,) = {"a", "b"} - {first}
    await asyncio.wait_for(started[second].wait(), 5)
    assert active == {second}
    stops[second].set()
    await running[second]
    for wait in waits:
        wait.cancel()
    assert overlaps == []
    wire.close()


def test_a_dead_pollers_lease_passes_to_another_serve(
    subprocess_env: dict[str, str], postgres_url: str, processes: list[WireProcess]
) -> None:
    env = {
        **subprocess_env,
        "POLYWIRE_DATABASE_URL": postgres_url,
        "POLYWIRE_LANGUAGES": "[]",
        "POLYWIRE_CLUSTER__FEED_LEASE_SECONDS": "2",
    }
    one = WireProcess(["serve", "--no-workers", "--port", str(free_port())], env)
    processes.append(one)
    one.wait_for("polywire serving on")
    one.wait_for("holds the lease feed-poller")
    two = WireProcess(["serve", "--no-workers", "--port", str(free_port())], env)
    processes.append(two)
    two.wait_for("polywire serving on")
    time.sleep(1)  # a lease period and a half
    assert not any("holds the lease" in line for line in two.lines)

    one.kill()
    held = two.wait_for("holds the lease feed-poller", within=10)
    assert f":{two.process.pid} holds" in held
    assert until(lambda: two.process.poll() is None)
