"""A pretend internet for tests of outbound requests (importable: tests/ is on sys.path).

    network = PretendNetwork.install(monkeypatch)
    network.names["feeds.example"] = ["8.8.8.8", "127.0.0.1"]  # one answer per lookup, last repeats
    network.routes.add("8.8.8.8")                               # this public address leads here

Name lookups made through the event loop (`loop.getaddrinfo`, which the guarded client, anyio and
httpx use) answer from `names` and are recorded in `lookups`. Connections made through httpcore's
network back-end are recorded in `connections`; one to an address in `routes` reaches 127.0.0.1
on the same port, one to any other address that is not loopback fails, so that no packet leaves
the machine whatever the code under test does.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import httpcore
import pytest

_real_getaddrinfo = asyncio.BaseEventLoop.getaddrinfo
_real_connect_tcp = httpcore.AnyIOBackend.connect_tcp


@dataclass
class PretendNetwork:
    names: dict[str, list[str]] = field(default_factory=dict)
    routes: set[str] = field(default_factory=set)
    lookups: list[str] = field(default_factory=list)
    connections: list[str] = field(default_factory=list)

    @classmethod
    def install(cls, monkeypatch: pytest.MonkeyPatch) -> PretendNetwork:
        network = cls()

        async def getaddrinfo(
            loop: asyncio.AbstractEventLoop, host: Any, port: Any, *args: Any, **kwargs: Any
        ) -> list[tuple[Any, ...]]:
            return await network._getaddrinfo(loop, host, port, *args, **kwargs)

        async def connect_tcp(
            backend: httpcore.AnyIOBackend, host: str, port: int, **kwargs: Any
        ) -> httpcore.AsyncNetworkStream:
            return await network._connect_tcp(backend, host, port, **kwargs)

        monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(httpcore.AnyIOBackend, "connect_tcp", connect_tcp)
        return network

    def lookups_of(self, name: str) -> int:
        return self.lookups.count(name)

    def _answer(self, host: str) -> str | None:
        answers = self.names.get(host)
        if not answers:
            return None
        return answers.pop(0) if len(answers) > 1 else answers[0]

    async def _getaddrinfo(
        self, loop: asyncio.AbstractEventLoop, host: Any, port: Any, *args: Any, **kwargs: Any
    ) -> list[tuple[Any, ...]]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        self.lookups.append(name)
        address = self._answer(name)
        if address is None:
            return await _real_getaddrinfo(loop, host, port, *args, **kwargs)  # type: ignore[arg-type]
        if ":" in address:
            return [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, int(port), 0, 0))]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port)))]

    async def _connect_tcp(
        self,
        backend: httpcore.AnyIOBackend,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.connections.append(host)
        address = await self._address_of(host, port)
        if address in self.routes:
            address = "127.0.0.1"  # the pretend internet leads to this machine
        elif not ipaddress.ip_address(address).is_loopback:
            raise httpcore.ConnectError(f"{host}: unreachable (tests send nothing off the machine)")
        return await _real_connect_tcp(
            backend,
            address,
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )

    async def _address_of(self, host: str, port: int) -> str:
        """`host` if it is an address, else what a lookup (a recorded one) answers for it."""
        try:
            return str(ipaddress.ip_address(host))
        except ValueError:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port)
            return str(infos[0][4][0])
