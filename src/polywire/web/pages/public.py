"""The public newsroom (no sign-in): released stories per language and sector, and a page for
each story in each of its languages, linked to the others with `hreflang` and advertising the
language's feeds (`<link rel="alternate">`) and the WebSub hub (`<link rel="hub">`). A list's
"latest" stories then follow the public stream (`/newsroom/stream`, see `static/latest.js`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.compose import Composed, compose
from polywire.domain import NotFound, Pubstatus, Rendition, RenditionState, Version
from polywire.publish.feed_catalog import ALL
from polywire.publish.selection import is_language_tag, sector_slug
from polywire.store import stories as store
from polywire.store.newsroom_queries import StoryLine, released_lines
from polywire.web.pages.render import page
from polywire.web.pages.session import viewer_of
from polywire.web.stream import PUBLIC_PATH
from polywire.wire import Wire

FEED_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}


@dataclass(frozen=True)
class Feed:
    href: str
    type: str
    title: str


def feeds_of(language: str, sector: str | None) -> list[Feed]:
    name = sector_slug(sector) if sector else ALL
    about = f"{language}" + (f" · {sector}" if sector else "")
    return [
        Feed(f"/feeds/{language}/{name}.{kind}", media, f"{about} ({kind.upper()})")
        for kind, media in FEED_TYPES.items()
    ]


def stream_of(language: str | None, sector: str | None, after: int) -> str:
    """The public stream of what a list shows, from the log position the list was read at (so a
    story released while the page loads still arrives)."""
    query = {"languages": language, "sectors": sector, "last_event_id": str(after)}
    return f"{PUBLIC_PATH}?{urlencode({k: v for k, v in query.items() if v})}"


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name

    def latest(language: str | None, sector: str | None) -> list[tuple[StoryLine, str]]:
        with wire.database.read() as conn:
            return released_lines(conn, language=language, sector=sector)

    async def listing(request: Request, language: str | None, sector: str | None) -> HTMLResponse:
        if language is not None and not is_language_tag(language):
            raise NotFound(f"{language!r} is not a language tag such as fr or pt-BR")
        seen = await run_in_threadpool(wire.events.last_seq)  # before the list is read
        found = await run_in_threadpool(latest, language, sector)
        every = await run_in_threadpool(latest, None, None)
        return page(
            request,
            "public_list.html",
            brand=brand,
            viewer=await viewer_of(request, wire),
            stories=found,
            language=language,
            sector=sector,
            languages=sorted({lang for _, lang in every}),
            sectors=sorted({s for line, _ in every for s in line.sectors}),
            feeds=feeds_of(language, sector) if language else [],
            stream=stream_of(language, sector, seen),
            page_language=language or "en",
        )

    @pages.get("/")
    async def home(request: Request, sector: str | None = Query(None)) -> HTMLResponse:
        return await listing(request, None, sector or None)

    @pages.get("/news/latest.json")
    async def latest_json(
        language: str | None = Query(None), sector: str | None = Query(None)
    ) -> dict[str, Any]:
        found = await run_in_threadpool(latest, language or None, sector or None)
        return {
            "stories": [
                {
                    "id": line.id,
                    "language": lang,
                    "headline": line.headline,
                    "url": f"/news/{lang}/{line.id}",
                    "released": line.updated.isoformat(),
                }
                for line, lang in found
            ]
        }

    @pages.get("/news/{language}")
    async def in_language(
        request: Request, language: str, sector: str | None = Query(None)
    ) -> HTMLResponse:
        return await listing(request, language, sector or None)

    def story(story_id: str, language: str) -> tuple[Version, Rendition, list[str], Composed]:
        with wire.database.read() as conn:
            found = store.get_story(conn, story_id)
            version = store.get_version(conn, story_id, found.latest_version)
            released = [
                r
                for r in store.list_renditions(conn, story_id, version.version)
                if r.state == RenditionState.RELEASED
            ]
        if version.pubstatus != Pubstatus.USABLE:
            raise NotFound(f"story {story_id!r} was withdrawn")
        chosen = next((r for r in released if r.language == language), None)
        if chosen is None:
            raise NotFound(f"story {story_id!r} is not published in {language!r}")
        composed = compose(version, chosen, wire.settings, story=found)
        return version, chosen, [r.language for r in released], composed

    @pages.get("/news/{language}/{story_id}")
    async def story_page(request: Request, language: str, story_id: str) -> HTMLResponse:
        version, rendition, languages, composed = await run_in_threadpool(story, story_id, language)
        sector = version.sectors[0] if version.sectors else None
        return page(
            request,
            "public_story.html",
            brand=brand,
            viewer=await viewer_of(request, wire),
            version=version,
            rendition=rendition,
            composed=composed,
            languages=languages,
            feeds=feeds_of(language, None) + (feeds_of(language, sector) if sector else []),
            page_language=language,
            base=str(request.base_url).rstrip("/"),
        )

    return pages
