"""Every request body is capped, per route, before anything reads it.

One pure ASGI layer in front of the whole app, so that no route, form parser or upload spools
more than its route allows to memory or disk:

- a `Content-Length` over the cap is answered 413 at once, the body left unread;
- a body without one (chunked) is counted as the app receives it; past the cap the client gets
  413 and the app sees the client gone (`http.disconnect`), so it stops reading and stores
  nothing; what it tries to answer after that is dropped.

The 413 says `Connection: close`: the server then closes the connection instead of reading the
rest of the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from polywire.config import Settings
from polywire.web.problems import problem

#: Room for the multipart framing and the form fields beside an upload of the largest size.
UPLOAD_MARGIN = 64 * 1024

Limits = Sequence[tuple[re.Pattern[str], int]]


def route_limits(settings: Settings) -> Limits:
    """The cap of each route, the first matching pattern's; `settings.http.form_body_bytes`
    for any other."""
    upload = settings.max_upload_bytes + UPLOAD_MARGIN
    api = settings.http.api_body_bytes
    return [
        (re.compile(r"^/v1/stories(/[^/]+/versions)?$"), upload),
        (re.compile(r"^/desk/submit(/preview)?$"), upload),
        (re.compile(r"^/desk/stories/[^/]+/correct$"), upload),
        (re.compile(r"^/(v1|desk)/"), api),
    ]


class BodyLimit:
    def __init__(self, app: ASGIApp, limits: Limits, default: int) -> None:
        self.app = app
        self.limits = limits
        self.default = default

    def limit_for(self, path: str) -> int:
        return next((cap for pattern, cap in self.limits if pattern.match(path)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _too_large(f"{declared} bytes is more than", limit)(scope, receive, send)
            return
        received = 0
        answered = False  # the 413 went out: the app's own answer is dropped
        started = False

        async def counted() -> Message:
            nonlocal received, answered
            if answered:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    if not started:
                        answered = True
                        await _too_large("the body is more than", limit)(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def unless_answered(message: Message) -> None:
            nonlocal started
            if answered:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, unless_answered)
        except Exception:
            if not answered:
                raise  # after a 413 the app's complaint that the client left is moot


def _too_large(what: str, limit: int) -> Response:
    response = problem(413, "Payload too large", f"request body: {what} the limit of {limit} bytes")
    response.headers["Connection"] = "close"
    return response
