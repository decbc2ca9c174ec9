"""Fetching a feed: conditional GET, a size cap, and no way into the wire's own network.

Every request goes through the wire's guarded client (`polywire.net`): the host is resolved once,
each address checked, and the connection made to the address that was checked, so a DNS answer
that changes between the check and the connection (DNS rebinding) cannot steer a request to
loopback or a private network. Redirects are followed here, one hop at a time, and each hop is
checked the same way. Loopback and private networks are reachable only with the ingest setting
`allow_private_addresses` (tests, intranets); link-local addresses never are.

Every failure is a `BadInput` that names the URL that failed (after redirects, the hop).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from polywire.domain import BadInput
from polywire.net import BlockedAddress, GuardedClient, OutboundError, OutboundSettings
from polywire.settings.ingest import IngestSettings

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


def feed_client(settings: IngestSettings) -> GuardedClient:
    """A guarded client for feeds: the ingest timeout, and loopback and private networks only
    when `allow_private_addresses` is set. Close it after use (`async with`)."""
    return GuardedClient(
        OutboundSettings(
            timeout_seconds=settings.feed_timeout_seconds,
            max_response_bytes=settings.feed_max_bytes,
            allow_private_networks=settings.allow_private_addresses,
            user_agent=_USER_AGENT,
        )
    )


def check_url(url: str) -> None:
    """Refuse what is not an absolute http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput(url, "a feed URL must be an absolute http:// or https:// URL")


async def fetch(
    client: GuardedClient,
    url: str,
    *,
    etag: str | None,
    last_modified: str | None,
    max_bytes: int,
) -> Fetched:
    """GET `url` with the validators of the last poll; `BadInput` for what cannot be a feed."""
    check_url(url)
    headers = {"accept": _ACCEPT}
    if etag:
        headers["if-none-match"] = etag
    if last_modified:
        headers["if-modified-since"] = last_modified
    try:
        response = await client.get_following_redirects(
            url, headers, max_redirects=MAX_REDIRECTS, max_bytes=max_bytes
        )
    except BlockedAddress as error:
        raise BadInput(error.url, f"{error.problem}; feeds must be public") from None
    except OutboundError as error:
        if error.reason == "redirects":
            raise BadInput(error.url, error.problem) from None
        raise BadInput(error.url, f"cannot fetch the feed: {error.problem}") from None
    url = response.url
    if response.status == 304:
        return Fetched(304, None, etag, last_modified)
    if response.status >= 400:
        raise BadInput(url, f"the server answered {response.status}")
    if response.truncated:
        raise BadInput(url, f"the feed is more than {max_bytes} bytes")
    return Fetched(
        response.status,
        response.body,
        response.headers.get("etag"),
        response.headers.get("last-modified"),
        response.headers.get("content-type"),
    )


_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
