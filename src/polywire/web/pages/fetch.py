"""Fetching a story page from a URL the user gives on the Submit page, through the wire's
guarded client (public addresses only, capped size, time limit), following a few redirects,
each checked again."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from polywire.domain import BadInput
from polywire.net.guarded import GuardedClient, OutboundError, OutboundSettings

MAX_REDIRECTS = 3


async def fetch_page(url: str, settings: OutboundSettings, limit: int) -> bytes:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise BadInput(url, "give an http:// or https:// address")
    capped = settings.model_copy(update={"max_response_bytes": limit})
    async with GuardedClient(capped) as client:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                answer = await client.get(url, {"accept": "text/html, text/plain;q=0.9"})
            except OutboundError as error:
                raise BadInput(url, f"cannot fetch: {error}") from None
            location = answer.headers.get("location")
            if answer.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            if answer.status != 200:
                raise BadInput(url, f"the server answered HTTP {answer.status}")
            if answer.truncated:
                raise BadInput(url, f"the page is more than the limit of {limit} bytes")
            return answer.body
    raise BadInput(url, f"more than {MAX_REDIRECTS} redirects")
