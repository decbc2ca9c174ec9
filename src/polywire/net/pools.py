"""Connections to receivers: one small httpcore pool per origin, and connections that answer
httpcore's questions about themselves cheaply.

Why per origin: httpcore's pool does work proportional to the square of its connections each
time it assigns a request (it recounts all its connections for every idle one). With one pool of
64 connections that was most of a fan-out's CPU time; pools of `per_origin` connections keep it
constant whatever the number of receivers, and no receiver gets more than `per_origin`
connections from the wire at once. Pools not in use are closed, least recently used first,
beyond `max_pools`.
"""

from __future__ import annotations

import asyncio
import contextlib
import select
import socket
import ssl
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore

_DEFAULT_PORTS = {"http": 80, "https": 443}


class Readiness:
    """Which of a pool's sockets have data (or the end of the stream) waiting: one `poll()`
    system call for all of them, shared by every question asked in the same event-loop step.

    httpcore's pool asks every idle connection whether it is readable (closed by the server)
    each time it assigns a request. Asked one socket at a time, through anyio's attribute
    lookup (a `getpeername()` each time), that took a quarter of a delivery's CPU time with a
    few dozen connections, and it grows with the pool."""

    def __init__(self) -> None:
        self._poller = select.poll()
        self._ready: set[int] | None = None

    def add(self, sock: socket.socket) -> None:
        self._poller.register(sock.fileno(), select.POLLIN)

    def remove(self, sock: socket.socket) -> None:
        with contextlib.suppress(KeyError, ValueError):
            self._poller.unregister(sock.fileno())

    def readable(self, sock: socket.socket) -> bool:
        fileno = sock.fileno()
        if fileno < 0:
            return True  # closed: the next read returns the end of the stream
        if self._ready is None:
            self._ready = {fd for fd, _ in self._poller.poll(0)}
            asyncio.get_running_loop().call_soon(self._forget)
        return fileno in self._ready

    def _forget(self) -> None:
        self._ready = None


class KnownSocketStream(httpcore.AsyncNetworkStream):
    """A connection that answers httpcore's questions about it from what it keeps: its socket
    (readiness through the pool's shared `Readiness`) and the address it reached."""

    def __init__(self, inner: httpcore.AsyncNetworkStream, readiness: Readiness) -> None:
        self.inner = inner
        self.readiness = readiness
        self.socket: socket.socket = inner.get_extra_info("socket")
        self.server_addr = inner.get_extra_info("server_addr")
        readiness.add(self.socket)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109
        return await self.inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109
        await self.inner.write(buffer, timeout)

    async def aclose(self) -> None:
        self.readiness.remove(self.socket)
        await self.inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
    ) -> httpcore.AsyncNetworkStream:
        tls = await self.inner.start_tls(ssl_context, server_hostname, timeout)
        self.readiness.remove(self.socket)
        return KnownSocketStream(tls, self.readiness)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return self.readiness.readable(self.socket)
        if info == "server_addr":
            return self.server_addr
        return self.inner.get_extra_info(info)


@dataclass
class _Pool:
    pool: httpcore.AsyncConnectionPool
    users: int = 0


class OriginPools:
    def __init__(
        self,
        backend: httpcore.AsyncNetworkBackend,
        *,
        per_origin: int,
        max_pools: int,
        keepalive_seconds: float = 30.0,
    ) -> None:
        self.backend = backend
        self.per_origin = per_origin
        self.max_pools = max_pools
        self.keepalive_seconds = keepalive_seconds
        self._pools: OrderedDict[tuple[str, str, int | None], _Pool] = OrderedDict()

    @contextlib.asynccontextmanager
    async def pool_for(self, url: str) -> AsyncIterator[httpcore.AsyncConnectionPool]:
        """The pool of `url`'s origin, held open while the caller uses it."""
        origin = _origin(url)
        found = self._pools.get(origin)
        if found is None:
            found = self._pools[origin] = _Pool(
                httpcore.AsyncConnectionPool(
                    max_connections=self.per_origin,
                    max_keepalive_connections=self.per_origin,
                    keepalive_expiry=self.keepalive_seconds,
                    network_backend=self.backend,
                )
            )
        self._pools.move_to_end(origin)
        found.users += 1
        try:
            yield found.pool
        finally:
            found.users -= 1
            await self._trim()

    async def _trim(self) -> None:
        while len(self._pools) > self.max_pools:
            idle = next((origin for origin, p in self._pools.items() if p.users == 0), None)
            if idle is None:
                return
            await self._pools.pop(idle).pool.aclose()

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for found in pools:
            await found.pool.aclose()


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:
        port = None  # httpcore names the bad URL when the request is made
    return (scheme, (parts.hostname or "").lower(), port)
