"""`polywire serve` runs the jobs in worker processes beside the API (issue 15: stages in threads
of the serving process held the interpreter's lock the API's loop waits for). The workers share
the embedded SQLite store with it, and leave with it: stopped on SIGTERM, and gone on their own
when `serve` is killed outright, so that no orphan keeps running jobs."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import httpx
from helpers import free_port

from cluster.processes import WireProcess, until


def descendants(pid: int) -> set[int]:
    """The processes below `pid` (Linux: each task's `children` file)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found |= {int(child)} | descendants(int(child))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for a parent to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def start(env: dict[str, str], processes: list[WireProcess], *args: str) -> tuple[WireProcess, int]:
    port = free_port()
    serve = WireProcess(["serve", "--port", str(port), *args], env)
    processes.append(serve)
    serve.wait_for("polywire serving on")
    serve.wait_for("(worker) joined")
    return serve, port


def test_serve_runs_the_jobs_in_a_worker_process_on_sqlite(
    subprocess_env: dict[str, str], processes: list[WireProcess]
) -> None:
    env = {**subprocess_env, "POLYWIRE_LANGUAGES": "[]"}
    serve, port = start(env, processes, "--workers", "2")
    workers = [pid for pid in descendants(serve.process.pid) if "spawn_main" in _cmdline(pid)]
    assert len(workers) == 2, serve.output()
    base = f"http://127.0.0.1:{port}"
    text = "Budget vote\n\n" + "The parliament voted today on a budget for schools. " * 5
    with httpx.Client(base_url=base, timeout=30) as client:
        answer = client.post("/v1/stories", json={"content": text, "language": "en"})
        answer.raise_for_status()
        story = answer.json()["id"]
        until(lambda: client.get(f"/v1/stories/{story}").json()["state"] == "released", 60)
    released = serve.wait_for(f"story {story} v1 en released")
    assert "polywire.release" in released
    assert serve.terminate(within=30) == 0
    assert not any(running(pid) for pid in workers)


def test_workers_leave_when_serve_is_killed(
    subprocess_env: dict[str, str], processes: list[WireProcess]
) -> None:
    """The worker, and the process that extracts submitted stories (started by the first)."""
    serve, port = start({**subprocess_env, "POLYWIRE_LANGUAGES": "[]"}, processes)
    text = "Budget vote\n\n" + "The parliament voted today on a budget for schools. " * 5
    answer = httpx.post(f"http://127.0.0.1:{port}/v1/stories", json={"content": text}, timeout=30)
    assert answer.status_code == 201, answer.text
    children = {pid for pid in descendants(serve.process.pid) if "spawn_main" in _cmdline(pid)}
    assert len(children) == 2, serve.output()
    os.kill(serve.process.pid, signal.SIGKILL)
    serve.process.wait(timeout=10)
    until(lambda: not any(running(pid) for pid in children), 30)


def test_serve_stops_with_an_error_when_a_worker_dies(
    subprocess_env: dict[str, str], processes: list[WireProcess]
) -> None:
    """Without its worker the jobs would wait for ever: `serve` exits, for a supervisor to see."""
    serve, _ = start({**subprocess_env, "POLYWIRE_LANGUAGES": "[]"}, processes)
    (worker,) = [pid for pid in descendants(serve.process.pid) if "spawn_main" in _cmdline(pid)]
    os.kill(worker, signal.SIGKILL)
    assert serve.process.wait(timeout=30) != 0
    assert "polywire-worker-1 (-9)" in serve.output()


def test_workers_zero_runs_the_jobs_in_the_serving_process(
    subprocess_env: dict[str, str], processes: list[WireProcess]
) -> None:
    port = free_port()
    env = {**subprocess_env, "POLYWIRE_LANGUAGES": "[]"}
    serve = WireProcess(["serve", "--port", str(port), "--workers", "0"], env)
    processes.append(serve)
    serve.wait_for("polywire serving on")
    assert not descendants(serve.process.pid)
    assert "(serve) joined" in serve.wait_for("joined")
    assert serve.terminate(within=30) == 0


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
