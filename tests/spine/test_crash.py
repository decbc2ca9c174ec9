"""Kill a worker with SIGKILL in the middle of jobs, restart it: every story finishes, once."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from polywire.config import load_settings
from polywire.services import StoryService
from polywire.store.tables import events, jobs
from polywire.wire import Wire
from spine.samples import distinct_story

WORKER = str(Path(__file__).with_name("crash_worker.py"))


def test_a_worker_killed_mid_job_loses_nothing_and_repeats_nothing(
    subprocess_env: dict[str, str], database_url: str, bus_settings: dict[str, str]
) -> None:
    env = {
        **subprocess_env,
        "POLYWIRE_DATABASE_URL": database_url,
        "POLYWIRE_JOBS__LEASE_SECONDS": "1",
        "POLYWIRE_LANGUAGES": "[]",
        **{f"POLYWIRE_{name.upper()}": value for name, value in bus_settings.items()},
    }
    settings = load_settings(database_url=database_url, languages=[], **bus_settings)
    wire = Wire(settings)
    story_ids = [
        StoryService(wire).submit(None, distinct_story(i), source=f"s{i}.txt").story_id
        for i in range(6)
    ]

    doomed = subprocess.Popen(
        [sys.executable, WORKER, "30"], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert doomed.stdout is not None
        started = [doomed.stdout.readline(), doomed.stdout.readline()]
        assert all(line.startswith("start classify:") for line in started), started
    finally:
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=10)
    with wire.database.read() as conn:
        leased = conn.execute(select(jobs.c.key).where(jobs.c.state == "leased")).scalars().all()
    assert sorted(leased) == sorted(line.split()[1] for line in started)

    survivor = subprocess.run(
        [sys.executable, WORKER, "0"], env=env, capture_output=True, text=True, timeout=120
    )
    assert survivor.returncode == 0, survivor.stderr

    with wire.database.read() as conn:
        released = Counter(conn.execute(select(events.c.story_id)).scalars())
        states = Counter(conn.execute(select(jobs.c.state)).scalars())
    assert released == dict.fromkeys(story_ids, 1)
    # classify, release, fan-out and WebSub distribution, for each of six stories
    assert states == {"done": 24}
    assert {s.state.value for s in StoryService(wire).stories(None)} == {"released"}
    wire.close()
