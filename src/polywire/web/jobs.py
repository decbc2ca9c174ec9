"""`/v1/jobs`: the job queue, through `polywire.services.JobService` as `polywire jobs` and the
desk's health page: list by state or kind (`stuck=true`: leased past their lease), show one,
retry or discard a dead one, requeue a waiting or stuck one. Editors and admins see the queue,
only an admin changes it; one bound to a publisher reaches its stories' jobs only."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.services import Actor, JobService
from polywire.services.jobs import Job
from polywire.web.pages.guard import principal_of
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
    jobs = JobService(wire)

    async def answer(
        action: Callable[[Actor, int], Job], request: Request, job_id: int
    ) -> dict[str, Any]:
        job = await run_in_threadpool(action, principal_of(request), job_id)
        return job.to_json(time.time())

    @api.get("", response_model=list[JobAnswer], responses=responses(422))
    async def list_jobs(
        request: Request,
        state: JobState | None = None,
        kind: Annotated[str | None, Query(max_length=50)] = None,
        stuck: bool = False,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    ) -> list[dict[str, Any]]:
        """The newest jobs first (the dead: the most recently dead first), by state or kind;
        `stuck`: leased past their lease."""
        found = await run_in_threadpool(
            lambda: jobs.visible(
                principal_of(request), state=state, kind=kind, stuck=stuck, limit=limit
            )
        )
        now = time.time()
        return [job.to_json(now) for job in found]

    @api.get("/{job_id}", response_model=JobAnswer, responses=responses(404))
    async def show_job(request: Request, job_id: RowId) -> dict[str, Any]:
        """One job: its state, attempts, lease, last error and payload."""
        return await answer(jobs.get, request, job_id)

    @api.post("/{job_id}/retry", response_model=JobAnswer, responses=responses(404, 409))
    async def retry_job(request: Request, job_id: RowId) -> dict[str, Any]:
        """A dead job gets another round of attempts (`jobs.max_attempts`), due now."""
        return await answer(jobs.retry, request, job_id)

    @api.post("/{job_id}/requeue", response_model=JobAnswer, responses=responses(404, 409))
    async def requeue_job(request: Request, job_id: RowId) -> dict[str, Any]:
        """A job waiting for its next attempt, on the job bus, or stuck, is due now."""
        return await answer(jobs.requeue, request, job_id)

    @api.post("/{job_id}/discard", response_model=JobAnswer, responses=responses(404, 409))
    async def discard_job(request: Request, job_id: RowId) -> dict[str, Any]:
        """A dead job is kept as discarded: no queue runs it again."""
        return await answer(jobs.discard, request, job_id)

    return api
