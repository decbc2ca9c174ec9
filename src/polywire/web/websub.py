"""`POST /websub`: the WebSub hub's endpoint. Requests are checked here, answered 202, and
verified with the subscriber's callback by a durable `websub-verify` job."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from polywire.publish.feeds.websub import enqueue_verification, parse_hub_request
from polywire.web.pages.forms import read_form
from polywire.web.problems import responses
from polywire.wire import Wire

_FORM = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["hub.mode", "hub.topic", "hub.callback"],
                    "properties": {
                        "hub.mode": {"type": "string", "enum": ["subscribe", "unsubscribe"]},
                        "hub.topic": {"type": "string", "description": "a feed URL of this wire"},
                        "hub.callback": {"type": "string"},
                        "hub.lease_seconds": {"type": "integer"},
                        "hub.secret": {"type": "string"},
                    },
                }
            }
        },
    }
}


def router(wire: Wire) -> APIRouter:
    api = APIRouter(tags=["websub"])

    @api.post(
        "/websub",
        status_code=202,
        response_class=Response,
        responses=responses(400, 413, 503),
        openapi_extra=_FORM,
    )
    async def hub(request: Request) -> Response:
        """Subscribe to or unsubscribe from a feed (WebSub); verified asynchronously."""
        form = await read_form(request)
        fields = {key: value for key, value in form.items() if isinstance(value, str)}
        checked = parse_hub_request(fields, wire.settings.deliver, wire.settings.brand.name)

        def store() -> None:
            with wire.database.write() as conn:
                enqueue_verification(conn, checked)

        await run_in_threadpool(store)
        return Response(status_code=202)

    return api
