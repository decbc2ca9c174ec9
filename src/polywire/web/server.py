"""Serving the app with uvicorn, so that slow or numerous clients cannot take the wire down.

uvicorn waits forever for a request's headers and body, and accepts connections until the
process runs out of file descriptors (then every `accept()` fails and logs a traceback). Here:

- a request's line and headers must arrive within `http.header_timeout_seconds` of the
  connection (or of the request's first byte on a kept-alive one), however slowly they trickle;
- a body must make progress at least every `http.body_timeout_seconds` (time the server itself
  stops reading, because the app has not taken what came, does not count);
  either way the connection is closed, with `408 Request Timeout` when part of a request came
  and nothing was answered yet (a connection that sent nothing is closed without a word);
- past `http.max_connections` open connections (default below the open-files limit), or past
  `http.max_connections_per_client` from one address (a trusted proxy's excepted), a new one
  is closed at once; requests on the open ones get 503 once as many are in flight;
- repeated server log lines are written once per `http.log_repeat_seconds`.

uvicorn has no setting for the first two: `TimedHttpProtocol` extends its httptools protocol,
started for each connection by uvicorn with the `ServerConfig` below.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import socket
from collections import Counter
from collections.abc import Iterator
from typing import Any, Literal

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.protocols.utils import get_remote_addr
from uvicorn.server import ServerState

from polywire.config import HttpSettings
from polywire.web import log_repeats

log = logging.getLogger("polywire.web.server")


class EmbeddedServer(uvicorn.Server):
    """A uvicorn server inside an event loop that is not its own (the wire's, a test's): it
    leaves signals to its owner and sets `listening` once its socket accepts connections."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.listening = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self.listening.set()


#: Descriptors left to the store, log files and outbound calls when the limit is derived.
_RESERVE_FRACTION = 4
_MIN_RESERVE = 64
Phase = Literal["headers", "body"]
_TIMED_OUT = b"Request Timeout: the request took too long to arrive"


def default_max_connections() -> int:
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft > 65536:
        soft = 65536
    return max(8, soft - max(_MIN_RESERVE, soft // _RESERVE_FRACTION))


class ServerConfig(uvicorn.Config):
    """uvicorn's configuration with the wire's HTTP settings, served by `TimedHttpProtocol`."""

    def __init__(self, app: Any, http: HttpSettings, **options: Any) -> None:
        self.max_connections = http.max_connections or default_max_connections()
        self.header_timeout = http.header_timeout_seconds
        self.body_timeout = http.body_timeout_seconds
        self.max_per_client = http.max_connections_per_client
        self.per_client: Counter[str] = Counter()  # open connections by address
        self.proxies = frozenset(address.strip() for address in http.forwarded_allow_ips.split(","))
        super().__init__(
            app,
            http=TimedHttpProtocol,
            limit_concurrency=self.max_connections,
            backlog=http.backlog,
            timeout_keep_alive=http.keep_alive_seconds,
            proxy_headers=True,
            forwarded_allow_ips=http.forwarded_allow_ips,
            **options,
        )
        log_repeats.install(http.log_repeat_seconds)


class TimedHttpProtocol(HttpToolsProtocol):
    def __init__(
        self,
        config: uvicorn.Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        assert isinstance(config, ServerConfig)
        self.limits = config
        self.deadline: asyncio.TimerHandle | None = None
        self.refused = False
        self.counted_as: str | None = None  # the address this connection is counted for
        self.mid_request = False  # part of a request came, not all of it

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        limits = self.limits
        address = (get_remote_addr(transport) or ("", 0))[0]
        if len(self.connections) >= limits.max_connections:
            log.warning(
                "%d connections open, the limit: new ones are closed", len(self.connections)
            )
            self._refuse(transport)
            return
        if "*" not in limits.proxies and address not in limits.proxies:
            if limits.per_client[address] >= limits.max_per_client:
                log.warning("%s has %d connections open, its limit", address, limits.max_per_client)
                self._refuse(transport)
                return
            limits.per_client[address] += 1
            self.counted_as = address
        super().connection_made(transport)
        self._watch(limits.header_timeout, "headers")

    def connection_lost(self, exc: Exception | None) -> None:
        if self.refused:
            return
        if self.counted_as is not None:
            self.limits.per_client[self.counted_as] -= 1
            if not self.limits.per_client[self.counted_as]:
                del self.limits.per_client[self.counted_as]
        self._unwatch()
        super().connection_lost(exc)

    def _refuse(self, transport: asyncio.Transport) -> None:
        self.refused = True
        transport.close()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.mid_request = True
        if self.deadline is None:  # a kept-alive connection's next request
            self._watch(self.limits.header_timeout, "headers")

    def on_headers_complete(self) -> None:
        self._unwatch()
        super().on_headers_complete()
        self._watch(self.limits.body_timeout, "body")

    def on_body(self, body: bytes) -> None:
        super().on_body(body)
        self._watch(self.limits.body_timeout, "body")

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.mid_request = False
        self._unwatch()

    def _watch(self, seconds: float, phase: Phase) -> None:
        self._unwatch()
        self.deadline = self.loop.call_later(seconds, self._expired, seconds, phase)

    def _unwatch(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def _expired(self, seconds: float, phase: Phase) -> None:
        self.deadline = None
        if self.transport.is_closing():
            return
        if self.flow.read_paused:  # the server is not reading: the client is not to blame
            self._watch(seconds, phase)
            return
        cycle = self.cycle
        answer_under_way = (
            cycle is not None and not cycle.response_complete
            if phase == "headers"  # a request before this one is still being answered
            else cycle is not None and cycle.response_started
        )
        if self.mid_request and not answer_under_way:
            self.transport.write(
                b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(_TIMED_OUT), _TIMED_OUT)
            )
        self.transport.close()
