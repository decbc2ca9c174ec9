"""A real HTTP receiver on 127.0.0.1 (uvicorn + Starlette) whose endpoints answer as told.

Tests queue answers per path (status, headers, delay); every request that arrives is recorded, and
a test awaits arrivals instead of sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

import uvicorn
from helpers import free_port
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


@dataclass(frozen=True)
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    body: bytes = b"ok"


@dataclass(frozen=True)
class Arrival:
    path: str
    headers: dict[str, str]
    body: bytes
    status: int
    started: float  # when the request arrived (time.time())
    finished: float  # when the answer was sent


class _QuietServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class Receiver:
    def __init__(self) -> None:
        self.port = free_port()
        self.arrivals: list[Arrival] = []
        self._answers: dict[str, deque[Answer]] = defaultdict(deque)
        self._arrived = asyncio.Condition()
        app = Starlette(routes=[Route("/{path:path}", self._handle, methods=["GET", "POST"])])
        self._server = _QuietServer(
            uvicorn.Config(
                app,
                host="127.0.0.1",
                port=self.port,
                log_level="warning",
                lifespan="off",
                timeout_keep_alive=30,
            )
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def answer(self, path: str, *answers: Answer) -> None:
        """The next requests to `path` get these answers, in order; then 200."""
        self._answers[path.lstrip("/")].extend(answers)

    def at(self, path: str) -> list[Arrival]:
        return [a for a in self.arrivals if a.path == path.lstrip("/")]

    async def wait_for(self, count: int, path: str | None = None, within: float = 20) -> None:
        def enough() -> bool:
            found = self.arrivals if path is None else self.at(path)
            return len(found) >= count

        async with asyncio.timeout(within), self._arrived:
            await self._arrived.wait_for(enough)

    async def _handle(self, request: Request) -> Response:
        path = request.path_params["path"]
        queued = self._answers[path]
        answer = queued.popleft() if queued else Answer()
        started = time.time()
        body = await request.body()
        if answer.delay:
            await asyncio.sleep(answer.delay)
        async with self._arrived:
            arrival = Arrival(
                path, dict(request.headers), body, answer.status, started, time.time()
            )
            self.arrivals.append(arrival)
            self._arrived.notify_all()
        return Response(answer.body, status_code=answer.status, headers=answer.headers)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[Receiver]:
        task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        try:
            yield self
        finally:
            self._server.should_exit = True
            self._server.force_exit = True
            await task
