"""`/v1/jobs`: the job queue for an operator, the same as `polywire jobs` on the store (see
`polywire.store.job_tools`): list by state or kind (`stuck=true`: leased past their lease), show
one, retry a dead one, requeue a waiting or stuck one. A token bound to a publisher sees and acts
on its stories' jobs only; retry and requeue need the `write` scope."""

from __future__ import annotations

import time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.store import job_tools
from polywire.web.pages.guard import acting_publisher
from polywire.web.params import RowId
from polywire.web.problems import API, responses
from polywire.wire import Wire

JobState = Literal["ready", "leased", "relayed", "done", "dead", "discarded"]


class JobAnswer(BaseModel):
    """A job of the queue; times are seconds since the epoch."""

    id: int
    kind: str
    key: str
    state: JobState
    stuck: bool = Field(description="leased past its lease")
    attempts: int
    max_attempts: int
    run_at: float = Field(description="when it is due")
    lease_owner: str | None
    lease_until: float | None
    last_error: str | None
    created: float
    finished: float | None
    payload: dict[str, Any]


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1/jobs", tags=["jobs"], responses=responses(*API))

    def read(job_id: int, publisher: str | None) -> dict[str, Any]:
        with wire.database.read() as conn:
            return job_tools.get_job(conn, job_id, publisher=publisher).to_json(time.time())

    @api.get("", response_model=list[JobAnswer], responses=responses(422))
    async def list_jobs(
        request: Request,
        state: JobState | None = None,
        kind: Annotated[str | None, Query(max_length=50)] = None,
        stuck: bool = False,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    ) -> list[dict[str, Any]]:
        """The newest jobs first, by state or kind; `stuck`: leased past their lease."""
        publisher = acting_publisher(request)

        def found() -> list[dict[str, Any]]:
            now = time.time()
            with wire.database.read() as conn:
                rows = job_tools.list_jobs(
                    conn, state=state, kind=kind, stuck=stuck, publisher=publisher, limit=limit
                )
            return [job.to_json(now) for job in rows]

        return await run_in_threadpool(found)

    @api.get("/{job_id}", response_model=JobAnswer, responses=responses(404))
    async def show_job(request: Request, job_id: RowId) -> dict[str, Any]:
        """One job: its state, attempts, lease, last error and payload."""
        return await run_in_threadpool(read, job_id, acting_publisher(request))

    @api.post("/{job_id}/retry", response_model=JobAnswer, responses=responses(404, 409))
    async def retry_job(request: Request, job_id: RowId) -> dict[str, Any]:
        """A dead job gets another round of attempts (`jobs.max_attempts`), due now."""
        publisher = acting_publisher(request)

        def apply() -> dict[str, Any]:
            with wire.database.write() as conn:
                job = job_tools.retry(
                    conn, job_id, wire.settings.jobs.max_attempts, publisher=publisher
                )
            return job.to_json(time.time())

        return await run_in_threadpool(apply)

    @api.post("/{job_id}/requeue", response_model=JobAnswer, responses=responses(404, 409))
    async def requeue_job(request: Request, job_id: RowId) -> dict[str, Any]:
        """A job waiting for its next attempt, on the job bus, or stuck, is due now."""
        publisher = acting_publisher(request)

        def apply() -> dict[str, Any]:
            with wire.database.write() as conn:
                job = job_tools.requeue(conn, job_id, publisher=publisher)
            return job.to_json(time.time())

        return await run_in_threadpool(apply)

    return api
