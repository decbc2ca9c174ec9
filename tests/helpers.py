"""Helpers for tests in every area (importable as `helpers`: tests/ is on sys.path)."""

from __future__ import annotations

import os
import socket

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
