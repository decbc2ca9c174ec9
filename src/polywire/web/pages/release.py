"""The release page, `/news/{lang}/{id}`: one story in one language, as wires show a release.

The story is composed as its readers get it everywhere else (`polywire.compose`: the localised
dateline opening the body, sector names, the correction note, attribution, disclaimer and About
the brand), then framed with the publisher, tags that link to filtered lists, the other language
versions (`hreflang`), share and print, the notices a reader must see (machine translation,
correction, withdrawal) and the meta a shared link is previewed from: Open Graph, Twitter card and
JSON-LD `NewsArticle`.

A withdrawn story keeps its page, answered 410 Gone, showing the withdrawal notice in place of
the story. Other areas put their parts in through templates of their own: `release_extras.html`
(pictures, the publisher's About and contacts) and `release_provenance.html` (how the translation
was made, the correction in a few words), included with the same context.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from polywire.compose import Composed, compose
from polywire.domain import NotFound, Pubstatus, Rendition, RenditionState, Story, Version
from polywire.store import stories as store
from polywire.store.public_reads import HUMAN_ENGINES
from polywire.web.pages.profiles import Profiles
from polywire.web.pages.public_feeds import feeds_of, publisher_feeds
from polywire.web.pages.render import page
from polywire.web.pages.session import viewer_of
from polywire.wire import Wire


@dataclass(frozen=True)
class Release:
    story: Story
    version: Version
    rendition: Rendition
    composed: Composed
    languages: list[str]  # released, the original first
    first_released: str  # ISO 8601, for the meta

    @property
    def lede(self) -> str:
        """What a preview of the link shows: the first paragraph (a withdrawal's notice)."""
        if self.composed.withdrawn or not self.rendition.body:
            return self.composed.paragraphs[0] if self.composed.paragraphs else ""
        return self.rendition.body[0]

    @property
    def machine(self) -> bool:
        rendition = self.rendition
        return not rendition.is_source and rendition.engine not in HUMAN_ENGINES


def read_release(wire: Wire, story_id: str, language: str) -> Release:
    """The newest released text of `story_id` in `language`, composed with the version it belongs
    to (a correction of it waiting for an editor leaves the one released before it up; a
    withdrawal shows the withdrawn version); NotFound when it is not released in that language."""
    with wire.database.read() as conn:
        story = store.get_story(conn, story_id)
        version = store.get_version(conn, story_id, story.latest_version)
        released: dict[str, Rendition] = {}
        for rendition in store.list_renditions(conn, story_id):  # oldest version first
            if rendition.state == RenditionState.RELEASED:
                released[rendition.language] = rendition
        chosen = released.get(language)
        if chosen is None:
            raise NotFound(f"story {story_id!r} is not published in {language!r}")
        if version.pubstatus == Pubstatus.USABLE and chosen.version != version.version:
            version = store.get_version(conn, story_id, chosen.version)
        first = store.get_version(conn, story_id, 1)
    languages = sorted(released, key=lambda lang: (lang != story.source_language, lang))
    composed = compose(version, chosen, wire.settings, story=story)
    return Release(story, version, chosen, composed, languages, first.versioncreated.isoformat())


def share_links(url: str, headline: str) -> list[tuple[str, str]]:
    """(site, address) of the places a reader shares a release to."""
    return [
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("X", "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": headline})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
    ]


def mail_link(url: str, headline: str) -> str:
    return f"mailto:?subject={quote(headline)}&body={quote(url)}"


def json_ld(
    release: Release, url: str, base: str, brand: str, brand_url: str, publisher: str
) -> Markup:
    """The `NewsArticle` of schema.org, safe inside a `<script>` element."""
    composed = release.composed
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": composed.headline,
        **({"alternativeHeadline": composed.subheadline} if composed.subheadline else {}),
        "description": release.lede,
        "articleBody": "\n\n".join(composed.paragraphs),
        "inLanguage": composed.language,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": release.first_released,
        "dateModified": composed.versioncreated.isoformat(),
        "author": {"@type": "Organization", "name": publisher},
        "publisher": {"@type": "Organization", "name": brand, "url": brand_url},
        "isAccessibleForFree": True,
    }
    if composed.sectors:
        article["articleSection"] = [s.label for s in composed.sectors]
    keywords = [s.name for s in composed.subjects] + [p.name for p in composed.places]
    if keywords:
        article["keywords"] = keywords
    if composed.located:
        article["locationCreated"] = {"@type": "Place", "name": composed.located}
    if composed.is_translation:
        original = f"{base}/news/{composed.source_language}/{composed.story_id}"
        article["translationOfWork"] = {"@id": original}
    if composed.correction:
        article["correction"] = composed.correction
    text = json.dumps(article, ensure_ascii=False, indent=1)
    # "</script>" or "<!--" in a headline must not end the element
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


async def release_page(
    request: Request,
    wire: Wire,
    story_id: str,
    language: str,
    sector_label: Callable[[str, str], str],
    profiles: Profiles,
) -> HTMLResponse:
    release = await run_in_threadpool(read_release, wire, story_id, language)
    base = str(request.base_url).rstrip("/")
    url = f"{base}/news/{language}/{story_id}"
    settings = wire.settings
    composed = release.composed
    sector = release.version.sectors[0] if release.version.sectors else None
    withdrawn = release.version.pubstatus == Pubstatus.CANCELED
    publisher_name = profiles.name(release.story.publisher)
    return page(
        request,
        "public_story.html",
        brand=settings.brand.name,
        viewer=await viewer_of(request, wire),
        status_code=410 if withdrawn else 200,
        release=release,
        story=release.story,
        version=release.version,
        rendition=release.rendition,
        composed=composed,
        languages=release.languages,
        withdrawn=withdrawn,
        url=url,
        base=base,
        lede=release.lede,
        shares=share_links(url, composed.headline),
        mail=mail_link(url, composed.headline),
        json_ld=json_ld(
            release, url, base, settings.brand.name, settings.brand.url, publisher_name
        ),
        feeds=[
            *feeds_of(language, None),
            *(feeds_of(language, sector, label=sector_label(sector, language)) if sector else []),
            *publisher_feeds(language, release.story.publisher),
        ],
        page_language=language,
        sector_label=sector_label,
        profiles=profiles,
    )
