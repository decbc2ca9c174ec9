"""Processes of the wire for the fleet's tests: `python -m polywire ...` started as an operator
would, with the settings in the environment, read line by line as they say what they do."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SRC = str(Path(__file__).resolve().parents[2] / "src")


class WireProcess:
    """One `polywire` process; its output lines (standard output and error) are collected."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.args = args
        self.process = subprocess.Popen(
            [sys.executable, "-m", "polywire", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._new_line = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._new_line:
                self.lines.append(line.rstrip("\n"))
                self._new_line.notify_all()
        with self._new_line:
            self._new_line.notify_all()

    def wait_for(self, text: str, within: float = 60) -> str:
        """The first output line containing `text`; fails when the process exits or is silent
        about it for `within` seconds."""
        deadline = time.monotonic() + within
        with self._new_line:
            while True:
                for line in self.lines:
                    if text in line:
                        return line
                if self.process.poll() is not None and not self._reader.is_alive():
                    raise AssertionError(
                        f"polywire {self.args} exited ({self.process.returncode}) without "
                        f"saying {text!r}:\n" + "\n".join(self.lines)
                    )
                left = deadline - time.monotonic()
                assert left > 0, f"polywire {self.args} did not say {text!r}:\n" + "\n".join(
                    self.lines
                )
                self._new_line.wait(min(left, 0.5))

    def terminate(self, within: float = 30) -> int:
        """SIGTERM, and the exit status once it exits (fails past `within` seconds)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=within)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)

    def output(self) -> str:
        self._reader.join(timeout=10)
        return "\n".join(self.lines)


def until(ask: Callable[[], Any], within: float = 30, every: float = 0.1) -> Any:
    """Ask again until the answer is truthy."""
    deadline = time.monotonic() + within
    while not (answer := ask()):
        assert time.monotonic() < deadline, f"no answer within {within} s"
        time.sleep(every)
    return answer
