"""Fetching a story page from a URL the user gives on the Submit page, through the wire's
guarded client (public addresses only, one lookup per host, capped size, time limit), following a
few redirects, each hop checked again."""

from __future__ import annotations

from urllib.parse import urlsplit

from polywire.domain import BadInput
from polywire.net.guarded import GuardedClient, OutboundError
from polywire.settings.outbound import OutboundSettings

MAX_REDIRECTS = 3


async def fetch_page(url: str, settings: OutboundSettings, limit: int) -> bytes:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise BadInput(url, "give an http:// or https:// address")
    async with GuardedClient(settings) as client:
        try:
            answer = await client.get_following_redirects(
                url,
                {"accept": "text/html, text/plain;q=0.9"},
                max_redirects=MAX_REDIRECTS,
                max_bytes=limit,
            )
        except OutboundError as error:
            if error.reason == "redirects":
                raise BadInput(url, error.problem) from None
            raise BadInput(url, f"cannot fetch: {error}") from None
    if answer.status != 200:
        raise BadInput(answer.url, f"the server answered HTTP {answer.status}")
    if answer.truncated:
        raise BadInput(answer.url, f"the page is more than the limit of {limit} bytes")
    return answer.body
