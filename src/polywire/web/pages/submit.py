"""`/desk/submit`: paste text, upload a file or give a URL, see what the wire extracted, correct
it, choose languages, sectors and an embargo, and send it on.

The corrected draft goes to `StoryService.submit` as a small ninjs document, so the headline and
paragraphs the user confirmed are stored as they are, not extracted a second time; so are the
publisher's About paragraphs, media contacts and pictures (`release_fields`), written as the
wire's own ninjs writes them.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from importlib.resources import files
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from polywire.compose.places import dateline_date
from polywire.domain import BadInput, Dateline, Extraction
from polywire.ingest import extract
from polywire.ingest.datelines import find_dateline
from polywire.ingest.subheadlines import given_subheadline
from polywire.publish.formats.ninjs import about_body, contact_source, picture_association
from polywire.services import StoryService
from polywire.web.pages.fetch import fetch_page
from polywire.web.pages.forms import checked_form, names, paragraphs, text
from polywire.web.pages.release_fields import (
    about_text,
    contacts_text,
    pictures_text,
    read_about,
    read_contacts,
    read_pictures,
)
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.wire import Wire


def offered_languages(configured: list[str]) -> list[str]:
    """The languages a story can be sent in: the wire's defaults and those it composes for."""
    composed = sorted(
        f.name.removesuffix(".toml")
        for f in files("polywire.compose").joinpath("texts").iterdir()
        if f.name.endswith(".toml")
    )
    return list(dict.fromkeys([*configured, *composed]))


def draft_document(extraction: Extraction) -> bytes:
    """The confirmed draft as ninjs 2.x: headline and subheadline, paragraphs, language,
    dateline, byline, the publisher's About paragraphs and contacts, pictures."""
    main = {"role": "main", "contenttype": "text/plain", "value": "\n".join(extraction.body)}
    document: dict[str, object] = {
        "uri": "urn:polywire:draft",
        "language": extraction.language,
        "headlines": [
            {"role": "main", "value": extraction.headline},
            *([{"role": "sub", "value": extraction.subheadline}] if extraction.subheadline else []),
        ],
        "bodies": [main, *(about_body(a.name, a.text) for a in extraction.about)],
    }
    if extraction.dateline and extraction.dateline.place:
        document["located"] = extraction.dateline.place
    if extraction.byline:
        document["by"] = extraction.byline
    language = extraction.language
    if extraction.contacts:
        document["infosources"] = [contact_source(c, language) for c in extraction.contacts]
    if extraction.pictures:
        document["associations"] = [
            picture_association(n, p, language) for n, p in enumerate(extraction.pictures, 1)
        ]
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def body_text(extraction: Extraction) -> str:
    """The body for the form: a dateline with its source opens the first paragraph again, as
    it did in the input, so that it stays visible and editable."""
    body = list(extraction.body)
    dateline = extraction.dateline
    if body and dateline and dateline.place and dateline.source:
        opening = f"{dateline.place} ({dateline.source}) — "
        printed = _printed_date(dateline.date, extraction.language)
        dated = f"{dateline.place}, {printed} ({dateline.source}) — " if printed else ""
        found = find_dateline(f"{dated}{body[0]}") if dated else None
        if (
            found is not None
            and found.dateline.date
            and found.dateline.date[-5:] == ((dateline.date or "")[-5:])
        ):
            opening = dated  # the date the dateline printed is read again when it is sent
        body[0] = opening + body[0]
    return "\n\n".join(body)


def _printed_date(iso: str | None, language: str) -> str | None:
    """The dateline's date as the story's language prints it (`Dec 3`, `3 dic`)."""
    if not iso:
        return None
    try:
        if iso.startswith("--"):
            return dateline_date(date(2000, int(iso[2:4]), int(iso[5:7])), language, "MMMd")
        return date.fromisoformat(iso[:10]).isoformat()
    except ValueError:
        return None


def _embargo(value: str) -> datetime | None:
    """The form's `datetime-local` value, read as UTC (the page says so)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        raise BadInput("embargo", f"{value!r} is not a date and time") from None


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    settings = wire.settings
    stories = StoryService(wire)
    brand = settings.brand.name
    languages = offered_languages(settings.languages)

    def unserved(source: str) -> set[str]:
        """The offered languages no engine can translate `source` into (written by hand on the
        review page, or left out): flagged on the form before the story is sent."""
        router = wire.pipeline.translate.router
        return {lang for lang in languages if lang != source and not router.plan(source, lang)}

    def form_page(
        request: Request,
        viewer: Viewer,
        *,
        extraction: Extraction | None = None,
        error: str | None = None,
        chosen: list[str] | None = None,
        embargo: str = "",
    ) -> HTMLResponse:
        return page(
            request,
            "submit.html",
            brand=brand,
            viewer=viewer,
            extraction=extraction,
            body_text=body_text(extraction) if extraction else "",
            about_text=about_text(extraction.about) if extraction else "",
            contacts_text=contacts_text(extraction.contacts) if extraction else "",
            pictures_text=pictures_text(extraction.pictures) if extraction else "",
            error=error,
            languages=languages,
            chosen=settings.languages if chosen is None else chosen,
            unserved=unserved(extraction.language) if extraction else set(),
            embargo=embargo,
            publisher=viewer.user.publisher or settings.default_publisher,
            status_code=422 if error else 200,
        )

    @pages.get("/desk/submit")
    async def submit_form(request: Request) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        return form_page(request, viewer)

    @pages.post("/desk/submit/preview")
    async def preview(request: Request) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer, max_part_size=settings.max_upload_bytes + 1)
        upload = form.get("file")
        data, source = text(form, "content").encode("utf-8"), "pasted text"
        limit = settings.max_upload_bytes
        try:
            if isinstance(upload, UploadFile) and upload.filename:
                data, source = await upload.read(limit + 1), upload.filename
            elif text(form, "url"):
                source = text(form, "url")
                data = await fetch_page(source, settings.publish.outbound, limit)
            if not data.strip():
                raise BadInput("story", "paste a story, choose a file or give an address")
            if len(data) > limit:
                raise BadInput(source, f"more than the limit of {limit} bytes")
            extraction = await run_in_threadpool(extract, data, source=source)
        except BadInput as error:
            return form_page(request, viewer, error=str(error))
        return form_page(request, viewer, extraction=extraction)

    @pages.post("/desk/submit")
    async def submit(request: Request) -> Response:
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        language = text(form, "language")
        extraction = Extraction(
            headline=" ".join(text(form, "headline").split()),
            language=language,
            body=paragraphs(text(form, "body")),
            subheadline=text(form, "subheadline") or None,
            byline=text(form, "byline") or None,
            dateline=Dateline(text(form, "located"), None) if text(form, "located") else None,
        )
        extraction.sectors = names(form, "sectors")
        chosen = names(form, "languages")
        try:
            extraction.subheadline = given_subheadline(extraction.subheadline)
            extraction.about = read_about(text(form, "about"))
            extraction.contacts = read_contacts(text(form, "contacts"))
            extraction.pictures = read_pictures(text(form, "pictures"))
            if not extraction.headline or not extraction.body:
                raise BadInput("draft", "a story needs a headline and at least one paragraph")
            embargoed = _embargo(text(form, "embargo"))
            submitted = await run_in_threadpool(
                lambda: stories.submit(
                    viewer.principal,
                    draft_document(extraction),
                    source="newsroom",
                    language=language or None,
                    sectors=names(form, "sectors"),
                    languages=chosen,
                    publisher=None if viewer.user.publisher else text(form, "publisher") or None,
                    embargoed=embargoed,
                    new_story=text(form, "new_story") == "true",
                )
            )
        except BadInput as error:
            return form_page(
                request,
                viewer,
                extraction=extraction,
                error=str(error),
                chosen=chosen,
                embargo=text(form, "embargo"),
            )
        announcement = submitted.announcement()
        notice = f"?done={quote(announcement)}" if announcement else ""
        return RedirectResponse(f"/desk/stories/{submitted.story_id}{notice}", status_code=303)

    return pages
