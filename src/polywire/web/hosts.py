"""Which Host header names the wire answers to (DNS rebinding defence).

A page on another site can make a browser send requests to the wire through a name it controls
that resolves to the wire's address; such a request carries that name in its Host header.
Starlette's `TrustedHostMiddleware` refuses (400) every name not listed here: loopback, the
host of the wire's public URL, `host` when it names one address or machine, and
`http.allowed_hosts`.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from polywire.config import Settings

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
_ANY_ADDRESS = ("", "0.0.0.0", "::")


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
