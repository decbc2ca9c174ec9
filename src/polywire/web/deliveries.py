"""Delivery records over HTTP: a story's delivery report, the list of deliveries, withdrawal,
and replays."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.services import DeliveryService
from polywire.surrogates import Text
from polywire.web.pages.guard import principal_of
from polywire.web.problems import API, BODY, responses
from polywire.wire import Wire


class Withdrawal(BaseModel):
    reason: Text = Field(min_length=1, description="why the story is withdrawn")


class ReportLine(BaseModel):
    """The deliveries of one version and language through one channel."""

    version: int
    language: str
    channel: str
    targeted: int
    delivered: int
    pending: int
    failed: int
    release_to_first_delivery_seconds: float | None
    release_to_last_delivery_seconds: float | None


class DeliveryAnswer(BaseModel):
    """One delivery: one rendition to one destination. A subscriber another publisher added is
    not named: its id, name, destination id and address are null."""

    id: str
    story_id: str
    version: int
    language: str
    subscriber_id: str | None
    subscriber: str | None
    subscriber_removed: bool
    destination_id: str | None
    channel: str
    address: str | None
    status: str = Field(description="pending, delivered or failed")
    attempts: int
    created: str
    delivered: str | None
    response_code: int | None
    error: str | None


class StoryReport(BaseModel):
    story_id: str
    lines: list[ReportLine] = Field(description="by version, language and channel")
    deliveries: list[DeliveryAnswer] = Field(
        description="every delivery, by language, version and when it was made"
    )


class DeliveryList(BaseModel):
    deliveries: list[DeliveryAnswer] = Field(description="newest first")


class Withdrawn(BaseModel):
    id: str
    version: int = Field(description="the version that withdraws the story")
    pubstatus: str = Field(description="always `canceled`")


class Replayed(BaseModel):
    replayed: list[str] = Field(description="the deliveries sent again")


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["deliveries"], responses=responses(*API, 404))
    service = DeliveryService(wire)

    @api.get("/stories/{story_id}/report", response_model=StoryReport)
    async def story_report(story_id: str, request: Request) -> dict[str, Any]:
        """Per version, language and channel: targeted, delivered, pending, failed, and the time
        from release to the first and to the last delivery; then every delivery."""
        report = await run_in_threadpool(service.report, principal_of(request), story_id)
        return report.to_json()

    @api.get("/deliveries", response_model=DeliveryList, responses=responses(422))
    async def list_deliveries(
        request: Request,
        story: Annotated[str | None, Query(description="only this story's")] = None,
        subscriber: Annotated[str | None, Query(description="only to this subscriber")] = None,
        destination: Annotated[str | None, Query(description="only to this destination")] = None,
        status: Literal["pending", "delivered", "failed"] | None = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    ) -> dict[str, Any]:
        """Deliveries, newest first: a publisher's token lists those of its stories and those
        to its subscribers."""
        found = await run_in_threadpool(
            lambda: service.listed(
                principal_of(request),
                story_id=story,
                subscriber_id=subscriber,
                destination_id=destination,
                status=status,
                limit=limit,
            )
        )
        return {"deliveries": [shown.to_json() for shown in found]}

    @api.post(
        "/stories/{story_id}/withdraw",
        status_code=202,
        response_model=Withdrawn,
        responses=responses(*BODY),
    )
    async def withdraw(story_id: str, withdrawal: Withdrawal, request: Request) -> dict[str, Any]:
        """Withdraw a story: everyone who got it receives `pubstatus: canceled`."""
        number = await run_in_threadpool(
            service.withdraw, principal_of(request), story_id, withdrawal.reason
        )
        return {"id": story_id, "version": number, "pubstatus": "canceled"}

    @api.post("/deliveries/{delivery_id}/replay", status_code=202, response_model=Replayed)
    async def replay_delivery(delivery_id: str, request: Request) -> dict[str, Any]:
        """Send one delivery again (same `webhook-id`)."""
        replayed = await run_in_threadpool(service.replay, principal_of(request), delivery_id)
        return {"replayed": [replayed.id]}

    @api.post(
        "/destinations/{destination_id}/replay",
        status_code=202,
        response_model=Replayed,
        responses=responses(422),
    )
    async def replay_since(
        destination_id: str,
        since: Annotated[datetime, Query(description="ISO 8601 time with a zone")],
        request: Request,
    ) -> dict[str, Any]:
        """Send again everything a destination was sent since a time."""
        replayed = await run_in_threadpool(
            service.replay_since, principal_of(request), destination_id, since
        )
        return {"replayed": replayed}

    return api
