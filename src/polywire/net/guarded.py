"""The one HTTP client for addresses that users give the wire (webhooks, WebSub callbacks, feeds,
pages the desk fetches by URL).

A user's URL must not become a way into the wire's own network (SSRF). The client resolves the
host itself, once, refuses loopback, private, link-local, shared (CGNAT), multicast, reserved and
IPv4-mapped addresses, and IPv6 transition addresses (6to4, Teredo, NAT64, IPv4-compatible) whose
embedded IPv4 address is one of those, and connects to the address it checked: a DNS answer that
changes between the check and the connection (DNS rebinding) cannot slip through, because there
is no second lookup. `request` never follows redirects (a 3xx is returned to the caller as it
is); `get_following_redirects` follows them itself, one hop at a time, each hop resolved and
checked like the first. An answer is read up to `max_response_bytes` (or the cap of the call) and
marked `truncated` beyond it; the whole exchange gives up after `timeout_seconds` (or the call's
`time_limit`).

Built on httpcore (the transport under httpx) with a network back-end that does the checking:
httpx offers no hook at connection time, and httpcore keeps the host name for TLS (SNI and
certificate checks) while we hand it a checked IP address to connect to.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import httpcore

from polywire.net.pools import KnownSocketStream, OriginPools, Readiness
from polywire.settings.outbound import OutboundSettings

_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # RFC 6598, carrier-grade NAT
_PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")  # RFC 1918, 4193
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052 well-known prefix
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215 local-use prefix
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # RFC 4291 2.5.5.1, deprecated
_REDIRECTS = frozenset({301, 302, 303, 307, 308})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class OutboundError(Exception):
    """A request that got no answer: refused address, network error, timeout, bad URL, too many
    redirects. The message is `url: problem`.

    `reason` is a short machine-readable word (`blocked`, `timeout`, `connect`, `network`,
    `url`, `redirects`); `url` is the URL that failed (after redirects, the hop that did).
    An answer larger than the cap is not an error: it comes back `truncated`."""

    def __init__(self, reason: str, url: str, problem: str) -> None:
        super().__init__(f"{url}: {problem}")
        self.reason = reason
        self.url = url
        self.problem = problem


class BlockedAddress(OutboundError):
    """The host resolves only to addresses the wire must not reach; `refusals` says why, one
    `address is reason` per address."""

    def __init__(self, url: str, refusals: Sequence[str]) -> None:
        super().__init__("blocked", url, f"refused: {'; '.join(refusals)}")
        self.refusals = tuple(refusals)


class _Refused(Exception):
    """Raised by the network back-end, made a `BlockedAddress` naming the URL by the client."""

    def __init__(self, refusals: Sequence[str]) -> None:
        super().__init__("; ".join(refusals))
        self.refusals = refusals


class _Unresolvable(Exception):
    """Raised by the network back-end when the host has no address."""


@dataclass(frozen=True)
class OutboundResponse:
    """An answer: status, headers (lower-case names), the body up to the cap, and the time."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    elapsed: float
    truncated: bool = False
    address: str = field(default="")
    url: str = ""


def check_address(
    address: IPAddress, *, allow_loopback: bool = False, allow_private: bool = False
) -> str | None:
    """Why the wire must not connect to `address`, or None when it may.

    `allow_private` lets loopback and private networks (RFC 1918, RFC 4193, CGNAT) through as
    well; link-local, multicast, unspecified and reserved addresses are always refused. An IPv6
    address that carries an IPv4 address (6to4, Teredo, NAT64, IPv4-compatible) is judged by the
    IPv4 address it leads to, with the same rules."""
    if isinstance(address, ipaddress.IPv6Address):
        return _check_ipv6(address, allow_loopback, allow_private)
    return _check_plain(address, allow_loopback, allow_private)


def _check_ipv6(
    address: ipaddress.IPv6Address, allow_loopback: bool, allow_private: bool
) -> str | None:
    if address.ipv4_mapped is not None:
        return "an IPv4-mapped IPv6 address"
    embedding = _embedded_ipv4(address)
    if embedding is None:
        return _check_plain(address, allow_loopback, allow_private)
    form, embedded = embedding
    for ipv4 in embedded:
        reason = _check_plain(ipv4, allow_loopback, allow_private)
        if reason is not None:
            return f"{form} embedding {ipv4}, {reason}"
    if address in _LOCAL_NAT64:
        return None if allow_private else "a local-use NAT64 address"
    if address in _IPV4_COMPATIBLE:
        return "an IPv4-compatible address (deprecated)"
    return None  # 6to4, Teredo, NAT64: they lead to the public IPv4 address they carry


def _embedded_ipv4(
    address: ipaddress.IPv6Address,
) -> tuple[str, tuple[ipaddress.IPv4Address, ...]] | None:
    """The transition form of `address` and the IPv4 address(es) it carries, if any."""
    last32 = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return "a 6to4 address", (address.sixtofour,)
    if address.teredo is not None:
        server, client = address.teredo
        return "a Teredo address", (server, client)
    if address in _NAT64:
        return "a NAT64 address", (last32,)
    if address in _LOCAL_NAT64:
        return "a local-use NAT64 address", (last32,)
    if address in _IPV4_COMPATIBLE and int(address) > 1:  # not :: nor ::1
        return "an IPv4-compatible address", (last32,)
    return None


def _check_plain(address: IPAddress, allow_loopback: bool, allow_private: bool) -> str | None:
    if address.is_loopback:
        return None if allow_loopback or allow_private else "a loopback address"
    if address.is_unspecified:
        return "the unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_link_local:
        return "a link-local address"
    if address in _SHARED_ADDRESS_SPACE:
        return None if allow_private else "a shared (CGNAT) address"
    if any(address in network for network in _PRIVATE_NETWORKS):
        return None if allow_private else "a private address"
    if address.is_reserved or not address.is_global:
        return "a reserved address"
    return None


class _CheckingBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks, and connects to the first permitted address of a host."""

    def __init__(self, allow_loopback: bool, allow_private: bool) -> None:
        self.allow_loopback = allow_loopback
        self.allow_private = allow_private
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
            raise _Unresolvable(f"cannot resolve {host}: {error.strerror}") from None
        reasons: list[str] = []
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            reason = check_address(
                address, allow_loopback=self.allow_loopback, allow_private=self.allow_private
            )
            if reason is None:
                return address
            reasons.append(f"{address} is {reason}")
        raise _Refused(list(dict.fromkeys(reasons)))

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise _Refused([f"{path} is a local socket"])

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
            _CheckingBackend(self.settings.allow_loopback, self.settings.allow_private_networks),
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
        max_bytes: int | None = None,
    ) -> OutboundResponse:
        return await self.request(
            "POST",
            url,
            content=content,
            headers=headers,
            time_limit=time_limit,
            max_bytes=max_bytes,
        )

    async def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        *,
        time_limit: float | None = None,
        max_bytes: int | None = None,
    ) -> OutboundResponse:
        return await self.request(
            "GET", url, headers=headers, time_limit=time_limit, max_bytes=max_bytes
        )

    async def get_following_redirects(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        *,
        max_redirects: int,
        time_limit: float | None = None,
        max_bytes: int | None = None,
    ) -> OutboundResponse:
        """GET `url`, following up to `max_redirects` redirects one hop at a time: each
        `Location` is resolved and checked as the first URL was (`BlockedAddress` names the hop).
        The answer's `url` is the one that answered; `time_limit` applies to each hop."""
        for _ in range(max_redirects + 1):
            response = await self.get(url, headers, time_limit=time_limit, max_bytes=max_bytes)
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                return response
            url = urljoin(url, location)
        raise OutboundError("redirects", url, f"more than {max_redirects} redirects")

    async def request(
        self,
        method: str,
        url: str,
        *,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        time_limit: float | None = None,
        max_bytes: int | None = None,
    ) -> OutboundResponse:
        """One exchange, no redirects followed; the answer is read up to `max_bytes` (the
        setting `max_response_bytes` by default)."""
        limit = time_limit if time_limit is not None else self.settings.timeout_seconds
        cap = max_bytes if max_bytes is not None else self.settings.max_response_bytes
        started = time.perf_counter()
        try:
            async with asyncio.timeout(limit):
                return await self._exchange(method, url, content, headers, limit, cap, started)
        except _Refused as refused:
            raise BlockedAddress(url, refused.refusals) from None
        except _Unresolvable as error:
            raise OutboundError("connect", url, str(error)) from None
        except (TimeoutError, httpcore.TimeoutException):
            raise OutboundError("timeout", url, f"no complete answer within {limit:g} s") from None
        except (httpcore.ConnectError, OSError) as error:
            raise OutboundError("connect", url, f"cannot connect: {error}") from None
        except httpcore.UnsupportedProtocol as error:
            raise OutboundError("url", url, str(error)) from None
        except httpcore.NetworkError as error:
            raise OutboundError("network", url, f"{type(error).__name__}: {error}") from None
        except httpcore.ProtocolError as error:
            raise OutboundError("network", url, f"bad HTTP answer: {error}") from None

    async def _exchange(
        self,
        method: str,
        url: str,
        content: bytes | None,
        headers: Mapping[str, str] | None,
        limit: float,
        cap: int,
        started: float,
    ) -> OutboundResponse:
        sent = {"user-agent": self.settings.user_agent, **(headers or {})}
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
            url=url,
        )
