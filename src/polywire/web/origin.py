"""Refuse writes that a browser makes on behalf of another site (cross-site request forgery).

Browsers say where a request comes from: `Sec-Fetch-Site` (all current ones) and `Origin` (on
every POST, PUT, PATCH and DELETE they send). An unsafe request is refused (403 problem) when
`Sec-Fetch-Site` is `cross-site` or `same-site`, or when `Origin` is neither the wire's public
URL nor the host the request was sent to (itself checked against the allowed hosts). Requests
with neither header are not a browser's on behalf of a page (curl, the CLI, a server with an API
token) and pass: the API guard judges them. The routes other sites are meant to call (the WebSub
hub, one-click unsubscribe from mail providers) are left open.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from polywire.web.problems import problem

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

Site = tuple[str, int]  # host name and port, as an Origin and a Host header both name them


class SameOriginGate:
    def __init__(self, app: ASGIApp, public_url: str, open_paths: tuple[str, ...]) -> None:
        self.app = app
        self.public = _site(public_url)
        self.open_paths = open_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in UNSAFE_METHODS
            or scope["path"].startswith(self.open_paths)
        ):
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(Headers(scope=scope))
        if refusal is None:
            await self.app(scope, receive, send)
            return
        await problem(403, "Forbidden", refusal)(scope, receive, send)

    def refusal(self, headers: Headers) -> str | None:
        fetch_site = headers.get("sec-fetch-site", "").lower()
        if fetch_site in ("cross-site", "same-site"):
            return (
                f"a {fetch_site} request (Sec-Fetch-Site) may not change anything here: "
                "only the wire's own pages may, or a client with an API token"
            )
        origin = headers.get("origin")
        if origin is None:
            return None
        site = _site(origin)
        scheme = urlsplit(origin).scheme
        if site is not None and site in (self.public, _site(f"{scheme}://{headers.get('host')}")):
            return None
        return f"a request from {origin!r} (Origin) may not change anything here"


def _site(url: str) -> Site | None:
    try:
        parts = urlsplit(url)
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    return parts.hostname.lower(), port
