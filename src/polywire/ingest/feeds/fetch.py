"""Fetching a feed: conditional GET, a size cap, and no way into the wire's own network.

Every hop (the URL and each redirect) is resolved first and refused when any of its addresses is
not public (loopback, private, link-local, multicast, reserved), unless
`allow_private_addresses` is set. The name is resolved again when httpx connects, so a DNS server
that answers differently a moment later could still steer a request; putting the wire behind an
egress proxy closes that gap.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from polywire.domain import BadInput

MAX_REDIRECTS = 5
_USER_AGENT = "polywire-feeds/0.1 (+https://polywire.example)"


@dataclass(frozen=True)
class Fetched:
    """A feed document (`body` None when the server said it has not changed)."""

    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None
    content_type: str | None = None


def check_url(url: str) -> None:
    """Refuse what is not an absolute http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput(url, "a feed URL must be an absolute http:// or https:// URL")


async def check_public(url: str) -> None:
    """Refuse a URL whose host resolves to an address that is not public."""
    check_url(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise BadInput(url, f"cannot resolve {host}: {error.strerror}") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global:
            raise BadInput(url, f"{host} is a private address ({address}); feeds must be public")


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    max_bytes: int,
    allow_private: bool,
) -> Fetched:
    """GET `url` with the validators of the last poll; `BadInput` for what cannot be a feed."""
    headers = {"user-agent": _USER_AGENT, "accept": _ACCEPT}
    if etag:
        headers["if-none-match"] = etag
    if last_modified:
        headers["if-modified-since"] = last_modified
    for _ in range(MAX_REDIRECTS + 1):
        if allow_private:
            check_url(url)
        else:
            await check_public(url)
        async with client.stream("GET", url, headers=headers, follow_redirects=False) as response:
            if response.is_redirect and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code == 304:
                return Fetched(304, None, etag, last_modified)
            if response.status_code >= 400:
                raise BadInput(url, f"the server answered {response.status_code}")
            body = await _read_capped(response, url, max_bytes)
            return Fetched(
                response.status_code,
                body,
                response.headers.get("etag"),
                response.headers.get("last-modified"),
                response.headers.get("content-type"),
            )
    raise BadInput(url, f"more than {MAX_REDIRECTS} redirects")


async def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise BadInput(url, f"the feed is {declared} bytes, more than {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise BadInput(url, f"the feed is more than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
