"""The HTTP application: routes from each area, problem-details errors, OpenAPI at /docs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

import polywire
from polywire.publish.subscribers import SubscriberEdit, SubscriberSpec
from polywire.web import (
    classify,
    deliveries,
    feeds,
    pages,
    problems,
    review,
    stories,
    stream,
    subscribers,
    unsubscribe,
    websub,
)
from polywire.web.live import live_for
from polywire.web.openapi import Api
from polywire.wire import Wire


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
    app.include_router(deliveries.router(wire))
    app.include_router(review.router(wire))
    app.include_router(websub.router(wire))
    app.include_router(unsubscribe.router(wire))
    pages.install(app, wire)
    # around the API guard and the streams, which read the store before any route runs
    app.add_middleware(problems.DatabaseFaults)

    @app.get("/healthz", tags=["health"])
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
