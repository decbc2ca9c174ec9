"""Which Host header names the wire answers to (DNS rebinding defence).

A page on another site can make a browser send requests to the wire through a name it controls
that resolves to the wire's address; such a request carries that name in its Host header.
Starlette's `TrustedHostMiddleware` refuses (400) every name not listed here: loopback, the
host of the wire's public URL, `host` when it names one address or machine, and
`http.allowed_hosts`. `TrustedHosts` puts its refusal in the wire's words: a problem document
naming the host, like every other error, instead of Starlette's plain text.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from polywire.config import Settings
from polywire.web.problems import problem

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
_ANY_ADDRESS = ("", "0.0.0.0", "::")
_ADMITTED = "polywire.host_admitted"


class TrustedHosts:
    """Starlette's host check, answering a refused host with a 400 problem document."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        self.app = app
        self.gate = TrustedHostMiddleware(self._admit, allowed_hosts=allowed_hosts)

    async def _admit(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[_ADMITTED] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.gate(scope, receive, send)
            return

        refused = False

        async def send_answer(message: Message) -> None:
            nonlocal refused
            if not scope.get(_ADMITTED) and message["type"] == "http.response.start":
                refused = message["status"] == 400  # the gate's own plain-text refusal
                if refused:
                    host = Headers(scope=scope).get("host", "")
                    detail = f"this wire does not answer to the host name {host[:100]!r}"
                    await problem(400, "Unknown host", detail)(scope, receive, send)
                    return
            if not refused:
                await send(message)

        await self.gate(scope, receive, send_answer)


def allowed_hosts(settings: Settings) -> list[str]:
    names = [*LOOPBACK]
    public = urlsplit(settings.deliver.public_url).hostname
    if public:
        names.append(_as_host_header(public))
    if settings.host not in _ANY_ADDRESS:
        names.append(_as_host_header(settings.host))
    names.extend(settings.http.allowed_hosts)
    return list(dict.fromkeys(name.lower() for name in names))


def _as_host_header(name: str) -> str:
    """An IPv6 address is written in brackets in a Host header (`[::1]:8765`)."""
    try:
        return f"[{name}]" if ipaddress.ip_address(name).version == 6 else name
    except ValueError:
        return name
