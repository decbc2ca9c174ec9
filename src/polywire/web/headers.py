"""Security headers on every answer, and a strict content policy on HTML pages.

- every answer: `X-Content-Type-Options: nosniff` and `Referrer-Policy: same-origin` (desk and
  unsubscribe addresses carry ids and tokens that other sites need not see);
- HTML pages: a Content-Security-Policy that runs only the wire's own script and style files
  (no inline script, style or event handler: the templates keep theirs in /static), and that no
  other site may frame (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for old browsers).
  The API explorer (/docs, /redoc) starts its script inline: it may run inline script and style,
  and load nothing from another site (its assets are the wire's own, `web.openapi`);
- the desk and sign-in: `Cache-Control: no-store`, so that no cache or shared computer keeps a
  signed-in page. The public newsroom pages and feeds stay cacheable.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
EXPLORER_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
_API_EXPLORER = ("/docs", "/redoc")
_PRIVATE = ("/desk", "/signin", "/signout")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers.setdefault("Referrer-Policy", "same-origin")
                if headers.get("content-type", "").startswith("text/html"):
                    explorer = path.startswith(_API_EXPLORER)
                    policy = EXPLORER_POLICY if explorer else CONTENT_SECURITY_POLICY
                    headers["Content-Security-Policy"] = policy
                    headers["X-Frame-Options"] = "DENY"
                if path.startswith(_PRIVATE):
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, with_headers)
