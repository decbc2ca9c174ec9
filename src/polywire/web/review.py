"""`/v1/stories/{id}/languages/{lang}` and `/v1/stories/{id}/release`: what an editor does on the
desk's review page, over HTTP: approve or hold a language, put a translation written by hand
(checked again before it is saved; a released one is corrected as a new version), release every
language that passed or was approved.

Who may act is the review service's (`polywire.services.ReviewService`, which the desk and the
command line call too): a publisher's token reaches only its own stories, and writing a
translation needs an editor's or an admin's token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.ingest.subheadlines import MAX_SUBHEADLINE_CHARS
from polywire.publish.editorial.review import Reviewed
from polywire.services import ReviewService
from polywire.surrogates import Text
from polywire.web.pages.guard import principal_of
from polywire.web.problems import API, BODY, responses
from polywire.wire import Wire

Language = Annotated[
    str, Path(description="BCP 47 language of one rendition of the story's latest version")
]


class ReviewedLanguage(BaseModel):
    """One language after a review action: its new state and what the fidelity check found."""

    id: str
    version: int
    language: str
    state: str = Field(description="e.g. `checked` (approved, release queued), `needs_review`")
    verdict: str | None = Field(description="the check's verdict (pass, review); null if unchecked")
    findings: list[dict[str, Any]] = Field(description="the check's findings, per paragraph")
    done: str = Field(description="what was done, in words")


class Released(BaseModel):
    id: str
    approved: list[ReviewedLanguage] = Field(description="released now (or at the embargo)")
    left: list[ReviewedLanguage] = Field(
        description="left out, with why in `done`: held for review (approve it on its own), "
        "not translated or not checked yet"
    )


class Translation(BaseModel):
    """A translation written by hand."""

    headline: Text = Field(min_length=1, max_length=1000)
    body: list[Text] = Field(min_length=1, max_length=1000, description="the paragraphs, in order")
    subheadline: Text | None = Field(
        default=None,
        max_length=MAX_SUBHEADLINE_CHARS,
        description="the line under the headline (when the story has one); absent: kept as it is",
    )
    note: Text | None = Field(
        default=None,
        max_length=2000,
        description="what the correction changes: needed when the language was released (the "
        "translation is then re-released as a correction, a new version, to everyone who got "
        "it)",
    )


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["review"], responses=responses(*API, 404, 409, 422))
    service = ReviewService(wire)

    @api.post("/stories/{story_id}/languages/{language}/approve", response_model=ReviewedLanguage)
    async def approve(request: Request, story_id: str, language: Language) -> dict[str, Any]:
        """Release this language of the latest version (at its embargo time), also when the
        fidelity check held it for review."""
        done = await run_in_threadpool(service.approve, principal_of(request), story_id, language)
        return done.to_json()

    @api.post("/stories/{story_id}/languages/{language}/hold", response_model=ReviewedLanguage)
    async def hold(request: Request, story_id: str, language: Language) -> dict[str, Any]:
        """Keep this language back for review: nothing releases it until it is approved."""
        done = await run_in_threadpool(service.hold, principal_of(request), story_id, language)
        return done.to_json()

    @api.put(
        "/stories/{story_id}/languages/{language}",
        response_model=ReviewedLanguage,
        responses=responses(*BODY),
    )
    async def edit(
        request: Request, story_id: str, translation: Translation, language: Language
    ) -> dict[str, Any]:
        """Replace this language's translation with one written by hand (editors and admins).
        It is checked against the source first: its state follows the verdict (`checked`, or
        `needs_review` when the check doubts it), and the translation memory learns it. A
        released translation is corrected: a new version of the story, released with `note` as
        its correction note to everyone who got the language (webhook, e-mail, feeds)."""
        actor = principal_of(request)

        def save() -> Reviewed:
            return service.edit_translation(
                actor,
                story_id,
                language,
                translation.headline,
                translation.body,
                note=translation.note,
                subheadline=translation.subheadline,
            )

        return (await run_in_threadpool(save)).to_json()

    @api.post("/stories/{story_id}/release", response_model=Released)
    async def release(request: Request, story_id: str) -> dict[str, Any]:
        """Release the source and every language of the latest version that passed its check or
        was approved. A language held for review is never released here: it is listed in `left`
        with its findings, and needs its own approval; so are languages not translated yet."""
        plan = await run_in_threadpool(service.release_ready, principal_of(request), story_id)
        return plan.to_json(story_id)

    return api
