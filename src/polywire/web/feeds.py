"""Feeds: `/feeds/{lang}/{sector}.rss|.atom|.json` (sector `all` for every sector), a
publisher's `/feeds/{lang}/publishers/{publisher}.rss|.atom|.json`, and a reader's own feed
`/feeds/token/{token}.rss|.atom|.json`.

Responses carry a strong ETag (a hash of the bytes) and Last-Modified; `If-None-Match`, else
`If-Modified-Since`, answers 304 without a body. Feeds are rebuilt when the event log moves on,
and `Link` headers name the WebSub hub and the topic (the feed's own URL).
"""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from polywire.publish.feeds.cache import FeedRequest, RenderedFeed
from polywire.publish.feeds.catalog import language_feed, publisher_feed, split_filename
from polywire.publish.formats.feeds import MEDIA_TYPES
from polywire.web.live import live_for
from polywire.web.problems import problem, responses
from polywire.wire import Wire

_FEED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The feed: RSS 2.0 (.rss), Atom (.atom) or JSON Feed 1.1 (.json)",
        "content": {
            media_type.split(";")[0]: {"schema": {"type": "string"}}
            for media_type in MEDIA_TYPES.values()
        },
    },
    304: {"description": "Not modified since the `If-None-Match` or `If-Modified-Since` given"},
    **responses(404, 503),
}


def router(wire: Wire) -> APIRouter:
    api = APIRouter(tags=["feeds"], responses=_FEED)
    live = live_for(wire)
    brand = wire.settings.brand.name
    base = wire.settings.deliver.public_url.rstrip("/")

    async def serve(feed: FeedRequest, request: Request) -> Response:
        await live.tail.start()
        seq = live.tail.last_seq
        rendered = live.feeds.cached(feed, seq)
        if rendered is None:
            rendered = await run_in_threadpool(live.feeds.build, feed, seq)
        links = None
        if feed.advertise_hub:
            # A header is Latin-1: a sector named in another script is percent-encoded
            links = f'<{base}/websub>; rel="hub", <{base}{quote(feed.self_path)}>; rel="self"'
        return _conditional(rendered, request, links)

    @api.get("/feeds/token/{filename}", summary="A reader's own feed", response_class=Response)
    async def token_feed(filename: str, request: Request) -> Response:
        """The feed of what a subscriber's token grants: its languages and sectors."""
        token, kind = split_filename(filename)
        selection = await run_in_threadpool(live.token_check, token)
        if selection is None:
            return problem(404, "Not found", "no feed for this token")
        feed = FeedRequest(
            selection=selection,
            title=brand,
            self_path=f"/feeds/token/{filename}",
            kind=kind,
            advertise_hub=False,
        )
        return await serve(feed, request)

    @api.get(
        "/feeds/{lang}/publishers/{filename}",
        summary="A publisher's feed in one language",
        response_class=Response,
    )
    async def publisher(lang: str, filename: str, request: Request) -> Response:
        """The stories of one publisher released in `lang`, newest first."""
        return await serve(publisher_feed(brand, lang, filename), request)

    @api.get(
        "/feeds/{lang}/{filename}", summary="A language × sector feed", response_class=Response
    )
    async def feed(lang: str, filename: str, request: Request) -> Response:
        """Released stories in `lang` and a sector (`all` for every sector), newest first."""
        return await serve(language_feed(brand, lang, filename), request)

    return api


def _conditional(rendered: RenderedFeed, request: Request, links: str | None) -> Response:
    headers = {"ETag": rendered.etag, "Cache-Control": "no-cache"}
    if links is not None:
        headers["Link"] = links
    if rendered.last_modified is not None:
        headers["Last-Modified"] = format_datetime(rendered.last_modified, usegmt=True)
    if _not_modified(rendered, request):
        return Response(status_code=304, headers=headers)
    return Response(rendered.body, media_type=rendered.media_type, headers=headers)


def _not_modified(rendered: RenderedFeed, request: Request) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or rendered.etag in tags
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since is None or rendered.last_modified is None:
        return False
    try:
        since: datetime = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        return False
    return rendered.last_modified.replace(microsecond=0) <= since
