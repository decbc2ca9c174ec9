"""`/v1/subscribers` and `/v1/destinations`: manage who gets what, and where."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.publish.subscribers import parse_edit, parse_spec, subscriber_json
from polywire.services import SubscriberService
from polywire.subscriptions import SubscriberEdit, SubscriberSpec
from polywire.web.body import read_json
from polywire.web.live import live_for
from polywire.web.openapi import ref
from polywire.web.pages.guard import principal_of
from polywire.web.params import Offset
from polywire.web.problems import API, BODY, responses
from polywire.wire import Wire


class DestinationAnswer(BaseModel):
    id: str
    channel: str = Field(description="webhook, email, feed or stream")
    format: str
    address: str
    enabled: bool
    secret: str | None = Field(
        default=None,
        description="the webhook's signing secret: only in the answer that created it",
    )


class SubscriberAnswer(BaseModel):
    """A subscriber: what it gets (`[]`: any) and where."""

    id: str
    name: str
    kind: str
    languages: list[str]
    sectors: list[str]
    topics: list[str]
    regions: list[str]
    keywords: list[str]
    paused: bool = Field(description="not targeted until it is resumed")
    destinations: list[DestinationAnswer]
    token: str | None = Field(
        default=None, description="the subscriber's token: only in the answer that created it"
    )


class SubscriberList(BaseModel):
    subscribers: list[SubscriberAnswer]


class RotatedSecret(BaseModel):
    secret: str = Field(description="the new webhook secret")
    overlap_hours: float = Field(description="how long the old secret keeps signing beside it")


#: Subscribers' bodies are small: names, lists of codes, a few destinations.
_BODY_LIMIT = 64 * 1024


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["subscribers"], responses=responses(*API))
    service = SubscriberService(wire)

    @api.post(
        "/subscribers",
        status_code=201,
        response_model=SubscriberAnswer,
        response_model_exclude_unset=True,
        responses=responses(*BODY),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref(SubscriberSpec)}},
            }
        },
    )
    async def add_subscriber(request: Request) -> JSONResponse:
        """Add a subscriber. The answer holds its token and webhook secrets: keep them."""
        spec = parse_spec(await read_json(request, _BODY_LIMIT))
        actor = principal_of(request)

        def add() -> dict[str, Any]:
            subscriber, token = service.add(actor, spec)
            return subscriber_json(subscriber, token=token, secrets_shown=True)

        created = await run_in_threadpool(add)
        return JSONResponse(
            created, status_code=201, headers={"Location": f"/v1/subscribers/{created['id']}"}
        )

    @api.get(
        "/subscribers",
        response_model=SubscriberList,
        response_model_exclude_unset=True,
        responses=responses(422),
    )
    async def list_subscribers(
        request: Request, limit: int = Query(100, ge=1, le=1000), offset: Offset = 0
    ) -> dict[str, Any]:
        """Subscribers, in the order they were added (a publisher's token sees those it added)."""
        actor = principal_of(request)

        def read() -> list[dict[str, Any]]:
            return [subscriber_json(s) for s in service.visible(actor, limit=limit, offset=offset)]

        return {"subscribers": await run_in_threadpool(read)}

    @api.get(
        "/subscribers/{subscriber_id}",
        response_model=SubscriberAnswer,
        response_model_exclude_unset=True,
        responses=responses(404),
    )
    async def get_subscriber(subscriber_id: str, request: Request) -> dict[str, Any]:
        actor = principal_of(request)

        def read() -> dict[str, Any]:
            return subscriber_json(service.get(actor, subscriber_id))

        return await run_in_threadpool(read)

    @api.patch(
        "/subscribers/{subscriber_id}",
        response_model=SubscriberAnswer,
        response_model_exclude_unset=True,
        responses=responses(*BODY, 404),
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/merge-patch+json": {"schema": ref(SubscriberEdit)},
                    "application/json": {"schema": ref(SubscriberEdit)},
                },
            }
        },
    )
    async def edit_subscriber(subscriber_id: str, request: Request) -> dict[str, Any]:
        """Change what a subscriber gets (fields left out stay; `[]` means any), add
        destinations and remove some by id (`remove_destinations`: never targeted again, what
        was pending for them fails, their past deliveries stay in the reports); targeting
        follows at once, and so do its open live streams. The answer holds the new webhooks'
        secrets."""
        edit = parse_edit(await read_json(request, _BODY_LIMIT))
        actor = principal_of(request)

        def change() -> dict[str, Any]:
            subscriber, added = service.edit(actor, subscriber_id, edit)
            return subscriber_json(subscriber, secrets_of=added)

        changed = await run_in_threadpool(change)
        live_for(wire).broadcaster.regrant_soon()
        return changed

    @api.delete(
        "/subscribers/{subscriber_id}",
        status_code=204,
        response_class=Response,
        responses=responses(404),
    )
    async def remove_subscriber(subscriber_id: str, request: Request) -> Response:
        """Stop sending to a subscriber (its open live streams are closed); its delivery history
        stays."""
        await run_in_threadpool(service.remove, principal_of(request), subscriber_id)
        live_for(wire).broadcaster.regrant_soon()
        return Response(status_code=204)

    async def set_paused(request: Request, subscriber_id: str, paused: bool) -> dict[str, Any]:
        actor = principal_of(request)

        def change() -> dict[str, Any]:
            return subscriber_json(service.set_paused(actor, subscriber_id, paused))

        return await run_in_threadpool(change)

    @api.post(
        "/subscribers/{subscriber_id}/pause",
        response_model=SubscriberAnswer,
        response_model_exclude_unset=True,
        responses=responses(404),
    )
    async def pause_subscriber(subscriber_id: str, request: Request) -> dict[str, Any]:
        """Stop targeting a subscriber until it is resumed: nothing is queued for it meanwhile,
        and what it missed is not sent later. Answers the subscriber (`paused: true`)."""
        return await set_paused(request, subscriber_id, True)

    @api.post(
        "/subscribers/{subscriber_id}/resume",
        response_model=SubscriberAnswer,
        response_model_exclude_unset=True,
        responses=responses(404),
    )
    async def resume_subscriber(subscriber_id: str, request: Request) -> dict[str, Any]:
        """Target a paused subscriber again, from the next release on."""
        return await set_paused(request, subscriber_id, False)

    @api.post(
        "/destinations/{destination_id}/rotate-secret",
        response_model=RotatedSecret,
        responses=responses(404),
    )
    async def rotate_secret(destination_id: str, request: Request) -> dict[str, Any]:
        """A new webhook secret; the old one keeps signing beside it for a while."""
        secret = await run_in_threadpool(
            service.rotate_secret, principal_of(request), destination_id
        )
        return {"secret": secret, "overlap_hours": service.secret_overlap / timedelta(hours=1)}

    return api
