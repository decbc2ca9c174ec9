"""The HTTP application: routes from each area, problem-details errors, OpenAPI at /docs."""

from __future__ import annotations

from fastapi import FastAPI

import polywire
from polywire.web import (
    classify,
    deliveries,
    feeds,
    pages,
    problems,
    readiness,
    review,
    stories,
    stream,
    subscribers,
    unsubscribe,
    websub,
)
from polywire.wire import Wire


def create_app(wire: Wire) -> FastAPI:
    app = FastAPI(
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

    @app.get("/healthz", tags=["health"])
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(readiness.router(wire))

    return app
