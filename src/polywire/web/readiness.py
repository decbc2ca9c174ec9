"""`/readyz`: whether this process can do its work now (its database answers, its job bus is
connected), for a load balancer or a supervisor; `/healthz` only says the process is alive.

Ready: 200 with what was checked, the events on the log this process's live streams have not
yet been handed (`event_log_lag`, 0 while it follows none), and the workers of the fleet seen (by
their heartbeats) within `cluster.seen_within_seconds`: `{"count": n, "names": [...]}`. No
worker seen does not make an API process unready (it can still take stories, which wait for a
worker), but it is the first thing an operator looks at when stories do not move.

Not ready: 503 problem+json whose `problems` list says what is wrong, one sentence each."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.store import cluster
from polywire.web.live import live_for
from polywire.web.problems import PROBLEM_CONTENT
from polywire.wire import Wire


class WorkersSeen(BaseModel):
    seen_within_seconds: float
    count: int
    names: list[str] = Field(description="the processes that run jobs")


class Ready(BaseModel):
    status: str = Field(description="always `ready`")
    database: str = Field(description="always `ok`")
    bus: str = Field(description="the job bus: `sql` or `nats`")
    event_log_lag: int = Field(description="events the live streams have not been handed yet")
    workers: WorkersSeen


def router(wire: Wire) -> APIRouter:
    api = APIRouter(tags=["health"])

    @api.get(
        "/readyz",
        response_model=Ready,
        responses={
            503: {
                "description": "not ready (problem+json with a `problems` list)",
                "content": PROBLEM_CONTENT,
            }
        },
    )
    async def ready() -> JSONResponse:
        problems = await wire.problems()
        if not problems:
            workers = await run_in_threadpool(workers_seen, wire)
            tail = live_for(wire).tail
            lag = await run_in_threadpool(wire.events.last_seq) - tail.last_seq
            return JSONResponse(
                {
                    "status": "ready",
                    "database": "ok",
                    "bus": wire.settings.bus,
                    "event_log_lag": max(0, lag) if tail.running else 0,
                    "workers": workers,
                }
            )
        return JSONResponse(
            {
                "type": "about:blank",
                "title": "Not ready",
                "status": 503,
                "detail": "; ".join(problems),
                "problems": problems,
            },
            status_code=503,
            media_type="application/problem+json",
        )

    return api


def workers_seen(wire: Wire) -> dict[str, Any]:
    """The processes that run jobs and were seen within `cluster.seen_within_seconds`."""
    within = wire.settings.cluster.seen_within_seconds
    with wire.database.read() as conn:
        seen = cluster.seen_since(conn, time.time() - within)
    names = [process.name for process in seen if process.kinds]
    return {"seen_within_seconds": within, "count": len(names), "names": names}
