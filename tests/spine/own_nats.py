"""A NATS JetStream server of a test's own (its own port and store), which the test may stop and
start again: the machine's shared server on 4222 is never touched."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from helpers import free_port, service_up

NATS_SERVER = shutil.which("nats-server") or "/usr/sbin/nats-server"


class OwnNats:
    def __init__(self, store: Path) -> None:
        self.store = store
        self.port = free_port()
        self.url = f"nats://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, *, fresh_store: bool = False) -> None:
        """Start the server (with an empty store, as a lost disk would leave it, if asked) and
        wait until it accepts connections."""
        if fresh_store:
            shutil.rmtree(self.store, ignore_errors=True)
        self._process = subprocess.Popen(
            [NATS_SERVER, "-a", "127.0.0.1", "-p", str(self.port), "-js", "-sd", str(self.store)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not service_up("127.0.0.1", self.port):
            assert self._process.poll() is None, "nats-server exited"
            assert time.monotonic() < deadline, "nats-server did not start within 10 s"
            time.sleep(0.02)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)
            self._process = None
