"""The HTTP application: routes from each area, problem-details errors, OpenAPI at /docs, and
the doors every request passes first, in the order it meets them:

1. security headers on the way out (nosniff, the pages' content policy, no-store on the desk);
2. only the wire's own host names (DNS rebinding): 400;
3. no writes on behalf of other sites (Origin, Sec-Fetch-Site): 403;
4. bodies capped per route, before they are read: 413;
5. the API's writes take JSON (or a route's documented type): 415;
6. who is asking (API tokens, sessions, scopes, publishers): 401/403.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware import Middleware

import polywire
from polywire.settings.accounts import api_auth_required
from polywire.subscriptions import SubscriberEdit, SubscriberSpec
from polywire.web import (
    classify,
    deliveries,
    feeds,
    glossary,
    jobs,
    metrics,
    pages,
    policy,
    problems,
    readiness,
    review,
    stories,
    stream,
    subscribers,
    unsubscribe,
    websub,
)
from polywire.web.headers import SecurityHeaders
from polywire.web.hosts import TrustedHosts, allowed_hosts
from polywire.web.limits import BodyLimit, route_limits
from polywire.web.live import live_for
from polywire.web.media_types import JsonWritesOnly
from polywire.web.openapi import Api
from polywire.web.origin import SameOriginGate
from polywire.web.pages.guard import ApiGuard
from polywire.wire import Wire

#: Routes other sites are meant to call: the WebSub hub, one-click unsubscribe (RFC 8058).
OPEN_TO_OTHER_SITES = ("/websub", "/unsubscribe/")


def create_app(wire: Wire) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        tail = live_for(wire).tail  # the feeds' and streams' poll of the event log
        if tail.running:
            await tail.stop()

    app = Api(
        lifespan=lifespan,
        components=[problems.Problem, SubscriberSpec, SubscriberEdit],
        title="polywire",
        version=polywire.__version__,
        description="A self-hosted multilingual news wire.",
    )
    problems.install(app)
    app.include_router(stories.router(wire))
    app.include_router(feeds.router(wire))
    stream.install(app, wire)
    app.include_router(classify.router(wire))
    app.include_router(subscribers.router(wire))
    app.include_router(glossary.router(wire))
    app.include_router(deliveries.router(wire))
    app.include_router(review.router(wire))
    app.include_router(policy.router(wire))
    app.include_router(websub.router(wire))
    app.include_router(unsubscribe.router(wire))
    pages.install(app, wire)

    @app.get("/healthz", tags=["health"])
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(readiness.router(wire))
    app.include_router(metrics.router(wire))
    app.include_router(jobs.router(wire))

    # added last, so that they stand in front of all above (the stream endpoints too)
    for door in reversed(doors(wire)):
        app.add_middleware(door.cls, *door.args, **door.kwargs)
    return app


def doors(wire: Wire) -> list[Middleware]:
    settings = wire.settings
    return [
        Middleware(SecurityHeaders),
        Middleware(TrustedHosts, allowed_hosts=allowed_hosts(settings)),
        Middleware(
            SameOriginGate,
            public_url=settings.deliver.public_url,
            open_paths=OPEN_TO_OTHER_SITES,
        ),
        Middleware(BodyLimit, limits=route_limits(settings), default=settings.http.form_body_bytes),
        Middleware(JsonWritesOnly),
        # around the API guard and the streams, which read the store before any route runs
        Middleware(problems.DatabaseFaults),
        Middleware(ApiGuard, wire=wire, required=api_auth_required(settings.auth, settings.host)),
    ]
