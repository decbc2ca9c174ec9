"""The API's writes take JSON only (415 otherwise), decided before the body is read.

A browser sends a cross-site `text/plain`, url-encoded or multipart POST without asking the
server first (no CORS preflight); JSON it can send only to a site that allows it. So every
request with a body to a write route of `/v1/` must say `application/json`, or one of the few
other types a route documents: `application/merge-patch+json` for PATCH of a subscriber,
`multipart/form-data` for story uploads. A body without a content type is not taken for JSON.
Writes without a body (approve, replay, delete) need no content type.
"""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from polywire.web.origin import UNSAFE_METHODS
from polywire.web.problems import problem

JSON = "application/json"
_ACCEPTED: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    ("POST", re.compile(r"^/v1/stories(/[^/]+/versions)?$"), (JSON, "multipart/form-data")),
    ("PATCH", re.compile(r"^/v1/subscribers/[^/]+$"), ("application/merge-patch+json", JSON)),
]


def accepted_types(method: str, path: str) -> tuple[str, ...]:
    for route_method, pattern, types in _ACCEPTED:
        if method == route_method and pattern.match(path):
            return types
    return (JSON,)


class JsonWritesOnly:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in UNSAFE_METHODS
            or not scope["path"].startswith("/v1/")
        ):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared = headers.get("content-type")
        has_body = "transfer-encoding" in headers or headers.get("content-length", "0") != "0"
        if declared is None and not has_body:
            await self.app(scope, receive, send)
            return
        media_type = (declared or "").split(";")[0].strip().lower()
        accepted = accepted_types(scope["method"], scope["path"])
        if media_type in accepted:
            await self.app(scope, receive, send)
            return
        given = f"content type {media_type!r}" if media_type else "no content type"
        detail = (
            f"unsupported content type: {scope['method']} {scope['path']} takes "
            f"{' or '.join(accepted)}, the request sent {given}"
        )
        await problem(415, "Unsupported media type", detail)(scope, receive, send)
