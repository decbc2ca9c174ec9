"""The one HTTP client for addresses that users give the wire (webhooks, WebSub callbacks, feeds).

A subscriber's URL must not become a way into the wire's own network (SSRF). The client resolves
the host itself, refuses loopback, private, link-local, shared (CGNAT), multicast, reserved and
IPv4-mapped addresses, and connects to the address it checked, so a DNS answer that changes
between the check and the connection cannot slip through. It never follows redirects (a 3xx is
returned to the caller as it is), reads at most `max_response_bytes` of a response, and gives up
after `timeout_seconds` for the whole exchange.

Built on httpcore (the transport under httpx) with a network back-end that does the checking:
httpx offers no hook at connection time, and httpcore keeps the host name for TLS (SNI and
certificate checks) while we hand it a checked IP address to connect to.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpcore
from pydantic import BaseModel, Field

from polywire.net.pools import KnownSocketStream, OriginPools, Readiness

_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # RFC 6598, carrier-grade NAT

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class OutboundSettings(BaseModel):
    """Limits of outbound HTTP requests to user-given addresses."""

    timeout_seconds: float = Field(default=15.0, gt=0, description="whole exchange, per request")
    max_response_bytes: int = Field(default=64 * 1024, ge=0)
    max_connections: int = Field(default=1000, ge=1)
    max_connections_per_host: int = Field(
        default=8, ge=1, description="connections open at once to one receiver (scheme, host, port)"
    )
    allow_loopback: bool = Field(
        default=False, description="let requests reach 127.0.0.0/8 and ::1 (tests, one-box setups)"
    )
    user_agent: str = "polywire"


class OutboundError(Exception):
    """A request that got no answer: refused address, network error, timeout, bad URL.

    `reason` is a short machine-readable word (`blocked`, `timeout`, `connect`, `network`,
    `url`). An answer larger than the cap is not an error: it comes back `truncated`."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class BlockedAddress(OutboundError):
    """The host resolves only to addresses the wire must not reach."""

    def __init__(self, message: str) -> None:
        super().__init__("blocked", message)


@dataclass(frozen=True)
class OutboundResponse:
    """An answer: status, headers (lower-case names), the body up to the cap, and the time."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    elapsed: float
    truncated: bool = False
    address: str = field(default="")


def check_address(address: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why the wire must not connect to `address`, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return "an IPv4-mapped IPv6 address"
    if address.is_loopback:
        return None if allow_loopback else "a loopback address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_link_local:
        return "a link-local address"
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED_ADDRESS_SPACE:
        return "a shared (CGNAT) address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_private:
        return "a private address"
    if address.is_reserved or not address.is_global:
        return "a reserved address"
    return None


class _CheckingBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks, and connects to the first permitted address of a host."""

    def __init__(self, allow_loopback: bool) -> None:
        self.allow_loopback = allow_loopback
        self.inner = httpcore.AnyIOBackend()
        self.readiness = Readiness()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        address = await self.resolve(host, port)
        stream = await self.inner.connect_tcp(
            str(address),
            port,
            timeout=timeout,
            local_address=local_address,
            socket_options=socket_options,
        )
        return KnownSocketStream(stream, self.readiness)

    async def resolve(self, host: str, port: int) -> IPAddress:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except socket.gaierror as error:
            raise OutboundError("connect", f"{host}: cannot resolve: {error.strerror}") from None
        reasons: list[str] = []
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            reason = check_address(address, allow_loopback=self.allow_loopback)
            if reason is None:
                return address
            reasons.append(f"{address} is {reason}")
        raise BlockedAddress(f"{host}: refused: {'; '.join(dict.fromkeys(reasons))}")

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise BlockedAddress(f"{path}: refused: a local socket")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class GuardedClient:
    """An HTTP/1.1 client that only reaches public addresses. One per process; reuse it.

    `request` returns any HTTP answer (including 3xx, 4xx, 5xx) and raises `OutboundError` when
    there is none."""

    def __init__(self, settings: OutboundSettings | None = None) -> None:
        self.settings = settings or OutboundSettings()
        per_host = self.settings.max_connections_per_host
        self._pools = OriginPools(
            _CheckingBackend(self.settings.allow_loopback),
            per_origin=per_host,
            max_pools=max(1, self.settings.max_connections // per_host),
        )

    async def __aenter__(self) -> GuardedClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._pools.aclose()

    async def post(
        self,
        url: str,
        content: bytes,
        headers: Mapping[str, str] | None = None,
        *,
        time_limit: float | None = None,
    ) -> OutboundResponse:
        return await self.request(
            "POST", url, content=content, headers=headers, time_limit=time_limit
        )

    async def get(
        self, url: str, headers: Mapping[str, str] | None = None, *, time_limit: float | None = None
    ) -> OutboundResponse:
        return await self.request("GET", url, headers=headers, time_limit=time_limit)

    async def request(
        self,
        method: str,
        url: str,
        *,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        time_limit: float | None = None,
    ) -> OutboundResponse:
        limit = time_limit if time_limit is not None else self.settings.timeout_seconds
        started = time.perf_counter()
        try:
            async with asyncio.timeout(limit):
                return await self._exchange(method, url, content, headers, limit, started)
        except TimeoutError:
            raise OutboundError(
                "timeout", f"{url}: no complete answer within {limit:g} s"
            ) from None
        except httpcore.TimeoutException:
            raise OutboundError(
                "timeout", f"{url}: no complete answer within {limit:g} s"
            ) from None
        except (httpcore.ConnectError, OSError) as error:
            raise OutboundError("connect", f"{url}: cannot connect: {error}") from None
        except httpcore.UnsupportedProtocol as error:
            raise OutboundError("url", f"{url}: {error}") from None
        except httpcore.NetworkError as error:
            raise OutboundError("network", f"{url}: {type(error).__name__}: {error}") from None
        except httpcore.ProtocolError as error:
            raise OutboundError("network", f"{url}: bad HTTP answer: {error}") from None

    async def _exchange(
        self,
        method: str,
        url: str,
        content: bytes | None,
        headers: Mapping[str, str] | None,
        limit: float,
        started: float,
    ) -> OutboundResponse:
        sent = {"user-agent": self.settings.user_agent, **(headers or {})}
        cap = self.settings.max_response_bytes
        async with (
            self._pools.pool_for(url) as pool,
            pool.stream(
                method,
                url,
                headers=list(sent.items()),
                content=content,
                extensions={
                    "timeout": {"connect": limit, "read": limit, "write": limit, "pool": limit}
                },
            ) as response,
        ):
            chunks: list[bytes] = []
            size = 0
            truncated = False
            async for chunk in response.aiter_stream():
                size += len(chunk)
                if size > cap:
                    chunks.append(chunk[: len(chunk) - (size - cap)])
                    truncated = True
                    break
                chunks.append(chunk)
            received = {
                name.decode("latin-1").lower(): value.decode("latin-1")
                for name, value in response.headers
            }
            network = response.extensions.get("network_stream")
            peer = network.get_extra_info("server_addr") if network is not None else None
        return OutboundResponse(
            status=response.status,
            headers=received,
            body=b"".join(chunks),
            elapsed=time.perf_counter() - started,
            truncated=truncated,
            address=str(peer[0]) if peer else "",
        )
