"""The public newsroom (no sign-in), in the language of what it shows.

- `/` lists each released story once (in its original words), with its languages, lede and
  publisher; `/news/{lang}` the stories released in a language, in that language; both take
  `?sector=`, `?topic=` (a subject code) and `?region=` (a place code), the tags a release page
  links to.
- `/publishers/{publisher}`: one publisher's stories, under the name and logo the settings give
  it (`publishers.<id>`, `settings.profiles`; the logo at `/publishers/{publisher}/logo`).
- `/search?q=…&lang=…`: released stories whose headline or body holds the words
  (`store.public_reads`).
- `/news/{lang}/{id}`: the release page (`release.py` builds what it shows).

Lists advertise the feeds of what they show (`<link rel="alternate">`, and visibly) and the
WebSub hub (`<link rel="hub">`); their newest stories then follow the public stream
(`/newsroom/stream`, see `static/latest.js`). The chrome is in the page's language (`chrome`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.domain import NotFound
from polywire.language_tags import is_language_tag
from polywire.store.newsroom_queries import StoryLine, released_lines
from polywire.store.public_reads import PublicStory, Wanted, public_stories, publishers
from polywire.web.pages.chrome import sector_namer
from polywire.web.pages.profiles import Profiles
from polywire.web.pages.public_feeds import feeds_of, publisher_feeds
from polywire.web.pages.release import release_page
from polywire.web.pages.render import page
from polywire.web.pages.session import viewer_of
from polywire.web.stream import PUBLIC_PATH
from polywire.wire import Wire

#: Stories a list shows
LISTED = 50


def stream_of(language: str | None, sector: str | None, after: int) -> str:
    """The public stream of what a list shows, from the log position the list was read at (so a
    story released while the page loads still arrives)."""
    query = {"languages": language, "sectors": sector, "last_event_id": str(after)}
    return f"{PUBLIC_PATH}?{urlencode({k: v for k, v in query.items() if v})}"


def _language(language: str | None) -> str | None:
    if language is not None and not is_language_tag(language):
        raise NotFound(f"{language!r} is not a language tag such as fr or pt-BR")
    return language


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    sector_label = sector_namer(wire.settings)
    profiles = Profiles(wire.settings.publishers)

    def read(wanted: Wanted) -> tuple[list[PublicStory], list[PublicStory], list[str]]:
        """What the list shows, and the newest stories of all (whose languages and sectors
        the filters offer): one scan of the store, two for a publisher's page (whose older
        stories the newest of all may not reach)."""
        with wire.database.read() as conn:
            every = public_stories(conn, Wanted(), limit=LISTED * 10)
            if wanted.publisher is not None:
                found = public_stories(conn, wanted, limit=LISTED)
            else:
                found = [story for story in every if wanted.admits(story)][:LISTED]
            return found, every, publishers(conn)

    async def listing(
        request: Request,
        wanted: Wanted,
        *,
        title: str | None = None,
        logo: str | None = None,
        query: str = "",
    ) -> HTMLResponse:
        seen = await run_in_threadpool(wire.events.last_seq)  # before the list is read
        found, every, names = await run_in_threadpool(read, wanted)
        language = wanted.language
        languages = sorted({lang for story in every for lang in story.renditions})
        if wanted.publisher is not None:
            spoken = sorted({lang for story in found for lang in story.renditions})
            feeds = [
                f
                for lang in ([language] if language else spoken)
                for f in publisher_feeds(lang, wanted.publisher)
            ]
        else:
            feeds = [
                f
                for lang in ([language] if language else languages)
                for f in feeds_of(
                    lang,
                    wanted.sector,
                    label=sector_label(wanted.sector, lang) if wanted.sector else None,
                )
            ]
        return page(
            request,
            "public_list.html",
            brand=brand,
            viewer=await viewer_of(request, wire),
            stories=found,
            wanted=wanted,
            title=title,
            logo=logo,
            query=query,
            language=language,
            sector=wanted.sector,
            languages=languages,
            sectors=sorted({s for story in every for s in story.sectors}, key=str.casefold),
            topic=next(
                (s.name for story in every for s in story.subjects if s.code == wanted.topic),
                wanted.topic,
            ),
            publishers=names,
            feeds=feeds,
            stream=stream_of(language, wanted.sector, seen),
            live=wanted.words is None and wanted.publisher is None,
            page_language=language or "en",
            sector_label=sector_label,
            profiles=profiles,
        )

    def filters(sector: str | None, topic: str | None, region: str | None) -> dict[str, Any]:
        return {"sector": sector or None, "topic": topic or None, "region": region or None}

    @pages.get("/")
    async def home(
        request: Request,
        sector: str | None = Query(None),
        topic: str | None = Query(None),
        region: str | None = Query(None),
    ) -> HTMLResponse:
        return await listing(request, Wanted(**filters(sector, topic, region)))

    @pages.get("/news/latest.json")
    async def latest_json(
        language: str | None = Query(None), sector: str | None = Query(None)
    ) -> dict[str, Any]:
        def latest() -> list[tuple[StoryLine, str]]:
            with wire.database.read() as conn:
                return released_lines(conn, language=language or None, sector=sector or None)

        found = await run_in_threadpool(latest)
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

    @pages.get("/search")
    async def search(
        request: Request, q: str = Query(""), lang: str | None = Query(None)
    ) -> HTMLResponse:
        words = " ".join(q.split())[:200]
        wanted = Wanted(language=_language(lang or None), words=words or None)
        return await listing(request, wanted, query=words)

    @pages.get("/publishers/{publisher}")
    async def publisher_page(
        request: Request, publisher: str, lang: str | None = Query(None)
    ) -> HTMLResponse:
        wanted = Wanted(language=_language(lang or None), publisher=publisher)
        return await listing(
            request, wanted, title=profiles.name(publisher), logo=profiles.logo(publisher)
        )

    @pages.get("/publishers/{publisher}/logo")
    async def logo(publisher: str) -> FileResponse:
        profile = profiles.profiles.get(publisher)
        if profile is None or profile.logo is None or not profile.logo.is_file():
            raise NotFound(f"no logo for publisher {publisher!r}")
        return FileResponse(profile.logo, media_type=profile.logo_type)

    @pages.get("/news/{language}")
    async def in_language(
        request: Request,
        language: str,
        sector: str | None = Query(None),
        topic: str | None = Query(None),
        region: str | None = Query(None),
    ) -> HTMLResponse:
        wanted = Wanted(language=_language(language), **filters(sector, topic, region))
        return await listing(request, wanted)

    @pages.get("/news/{language}/{story_id}")
    async def story_page(request: Request, language: str, story_id: str) -> HTMLResponse:
        return await release_page(request, wire, story_id, language, sector_label, profiles)

    return pages
