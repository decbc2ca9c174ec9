"""Helpers for tests in every area (importable as `helpers`: tests/ is on sys.path)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest


def service_up(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_service(name: str, host: str, port: int) -> None:
    """Skip when a service is down, unless CI requires it (POLYWIRE_REQUIRE_SERVICES=1)."""
    if service_up(host, port):
        return
    message = f"{name} is not reachable on {host}:{port}"
    if os.environ.get("POLYWIRE_REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def spawned_children() -> set[int]:
    """This process's children that run `multiprocessing`'s spawn (Linux: the process table);
    a child that has exited, not yet reaped, is not one."""
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            found |= {int(child) for child in (task / "children").read_text().split()}
        except FileNotFoundError:
            continue  # a thread that ended while the table was read has no children
    return {pid for pid in found if "spawn_main" in _cmdline(pid)}


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except FileNotFoundError:
        return ""
