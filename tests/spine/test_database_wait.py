"""A process started while PostgreSQL is down waits for it, saying so, and carries on once it
answers; after `database_wait_seconds` it gives up with one line that says why.

Found: a process started while PostgreSQL was down exited 1 with a traceback. PostgreSQL
"comes up" here as a port that refuses connections until the test forwards it to the real one."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

import pytest
from helpers import free_port

pytestmark = pytest.mark.postgres


class Forwarder:
    """Listens on `port` and passes every connection through to PostgreSQL on 5432."""

    def __init__(self, port: int) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", 5432))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(source, sink), daemon=True).start()

    def close(self) -> None:
        self.server.close()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        sink.close()


def migrate(env: dict[str, str], url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "polywire", "migrate", "--database-url", url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_process_started_before_postgresql_waits_for_it(
    subprocess_env: dict[str, str], postgres_url: str
) -> None:
    port = free_port()
    process = migrate(subprocess_env, postgres_url.replace(":5432/", f":{port}/"))
    forwarder = None
    try:
        assert process.stderr is not None
        seen = []
        while not any("waiting for the database" in line for line in seen):
            line = process.stderr.readline()
            assert line, f"the process ended without waiting: {''.join(seen)}"
            seen.append(line)
        assert (
            f"waiting for the database at postgresql+psycopg://postgres@127.0.0.1:{port}/"
            in (seen[-1])
        )
        assert "(attempt 1, next in 0.5 s)" in seen[-1]
        forwarder = Forwarder(port)  # PostgreSQL is up
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
        if forwarder is not None:
            forwarder.close()
    assert process.returncode == 0, err
    assert out.startswith("store is up to date")


def test_it_gives_up_after_the_limit_with_one_line_that_says_why(
    subprocess_env: dict[str, str], postgres_url: str
) -> None:
    port = free_port()
    env = {**subprocess_env, "POLYWIRE_DATABASE_WAIT_SECONDS": "1"}
    process = migrate(env, postgres_url.replace(":5432/", f":{port}/"))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "attempt 1, next in 0.5 s" in err
    (last,) = err.strip().splitlines()[-1:]
    assert last.startswith(
        f"polywire: error: the database at postgresql+psycopg://postgres@127.0.0.1:{port}/"
    )
    assert "did not answer within 1 s (2 attempts; database_wait_seconds sets the limit)" in last
    assert "Traceback" not in err
