"""Finding 4: `serve` ignored SIGTERM while an SSE client was connected. Now the stream ends at
once with a hint to reconnect, and the process exits within its grace period."""

from __future__ import annotations

import httpx
from helpers import free_port

from cluster.processes import WireProcess


def test_sigterm_closes_live_streams_and_the_process_exits(
    subprocess_env: dict[str, str], processes: list[WireProcess]
) -> None:
    port = free_port()
    env = {
        **subprocess_env,
        "POLYWIRE_LANGUAGES": "[]",
        "POLYWIRE_CLUSTER__SHUTDOWN_GRACE_SECONDS": "5",
    }
    serve = WireProcess(["serve", "--port", str(port)], env)
    processes.append(serve)
    serve.wait_for("polywire serving on")

    url = f"http://127.0.0.1:{port}/newsroom/stream"
    with httpx.Client(timeout=30) as client, client.stream("GET", url) as stream:
        assert stream.status_code == 200
        frames = stream.iter_raw()
        assert next(frames).startswith(b"retry: ")
        assert serve.terminate(within=20) == 0  # fails (a timeout) if the stream held it open
        rest = b"".join(frames)
    assert rest.endswith(b": the server is restarting; reconnect\nretry: 1000\n\n")
    assert "stopping (within 5 s)" in serve.output()
