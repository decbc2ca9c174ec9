"""`/v1/stories`: submit, read, ninjs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from polywire.domain import StoryState
from polywire.ingest.subheadlines import MAX_SUBHEADLINE_CHARS
from polywire.services import StoryService, Submitted
from polywire.services.stories import MAX_SEARCH
from polywire.web.body import read_submission
from polywire.web.pages.guard import principal_of
from polywire.web.params import Offset, VersionNumber
from polywire.web.problems import API, BODY, responses
from polywire.wire import Wire


class SameStoryAnswer(BaseModel):
    id: str = Field(description="the story the submission became a new version of")
    headline: str = Field(description="the headline of the version it follows")
    score: float = Field(description="how alike the two texts are, 0 to 1")


class SubmittedAnswer(BaseModel):
    id: str = Field(description="the story's id")
    version: int = Field(description="the version the submission is stored as")
    created: bool = Field(description="false when the same content was already stored")
    same_story_of: SameStoryAnswer | None = Field(
        default=None,
        description="set when the wire recognised the text as a new version of a stored story",
    )


class StoryLine(BaseModel):
    """A story in the list."""

    id: str
    uri: str
    state: str = Field(description="the worst state of its languages")
    latest_version: int
    source_language: str
    headline: str = Field(description="the latest version's headline")
    languages: dict[str, str] = Field(description="each language's state (BCP 47: state)")
    delivered: dict[str, int] = Field(
        description="how many deliveries of each language of the latest version arrived"
    )


class StoryList(BaseModel):
    stories: list[StoryLine]


class RenditionAnswer(BaseModel):
    """One language of a version: the source itself or a translation of it."""

    language: str
    state: str
    is_source: bool
    headline: str
    subheadline: str | None = Field(description="the line under the headline, in this language")
    body: list[str] = Field(description="the paragraphs, in order")
    engine: str | None = Field(description="the machine that translated it, or `human`")
    model: str | None
    check: dict[str, Any] | None = Field(description="the fidelity check's verdict and findings")
    error: str | None
    edited_by: str | None = Field(description="the editor who wrote or changed it")
    carried_from: int | None = Field(
        description="carried unchanged from that earlier version (never released again)"
    )


class AboutAnswer(BaseModel):
    """One of the publisher's About paragraphs, as printed in the source."""

    name: str
    text: str


class ContactAnswer(BaseModel):
    """A media contact, as printed."""

    name: str | None
    role: str | None
    phones: list[str]
    emails: list[str]
    sites: list[str]


class PictureAnswer(BaseModel):
    url: str
    caption: str | None
    credit: str | None
    alt: str | None


class VersionAnswer(BaseModel):
    version: int
    versioncreated: str = Field(description="ISO 8601")
    language: str
    headline: str
    body: list[str] = Field(description="the paragraphs, in order")
    pubstatus: str
    located: str | None
    by: str | None
    sectors: list[str]
    embargoed: str | None = Field(description="ISO 8601")
    correction_reason: str | None
    dateline_date: str | None = Field(description="the date the source's dateline printed (ISO)")
    about: list[AboutAnswer] = Field(description="the publisher's About paragraphs")
    contacts: list[ContactAnswer] = Field(description="the publisher's media contacts")
    pictures: list[PictureAnswer]
    subheadline: str | None = Field(description="the line under the headline, if any")
    renditions: list[RenditionAnswer]


class StoryAnswer(BaseModel):
    """A story with all its versions and their renditions."""

    id: str
    uri: str
    publisher: str
    source_language: str
    state: str = Field(description="the worst state of its latest version's languages")
    created: str = Field(description="ISO 8601")
    latest_version: int
    versions: list[VersionAnswer]


class NinjsAnswer(BaseModel):
    """An IPTC ninjs 2.1 document (https://iptc.org/standards/ninjs/); the fields every story
    has are listed, the others (`embargoed`, `subjects`, `places`, `by`, `ednote` …) appear
    when the story has them."""

    model_config = ConfigDict(extra="allow")

    uri: str
    standard: dict[str, str]
    type: str
    version: str
    versioncreated: str
    pubstatus: str
    language: str
    headlines: list[dict[str, Any]]
    bodies: list[dict[str, Any]]


class WireReport(BaseModel):
    """Counts of what the wire holds."""

    stories: int
    versions: int
    languages: list[str]
    renditions: dict[str, int] = Field(description="renditions per state")
    events: int
    deliveries: int
    jobs: dict[str, int] = Field(description="jobs per state")


_SUBMITTED: dict[int | str, dict[str, Any]] = {
    200: {
        "model": SubmittedAnswer,
        "description": "The same content was already stored: its story",
    },
    **responses(*BODY),
}

_SUBHEADLINE = {
    "type": "string",
    "maxLength": MAX_SUBHEADLINE_CHARS,
    "description": "the line under the headline; replaces the one the content printed",
}

_SUBMISSION_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["content"],
                    "properties": {
                        "content": {"type": "string", "description": "the story: text or HTML"},
                        "filename": {"type": "string"},
                        "language": {"type": "string", "description": "BCP 47; detected if absent"},
                        "sectors": {"type": "array", "items": {"type": "string"}},
                        "languages": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "target languages (BCP 47); default: settings",
                        },
                        "embargoed": {"type": "string", "format": "date-time"},
                        "correction_reason": {"type": "string"},
                        "subheadline": _SUBHEADLINE,
                        "new_story": {
                            "type": "boolean",
                            "description": "a story of its own, even if the wire recognises "
                            "it as a new version of one it holds",
                        },
                    },
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "language": {"type": "string"},
                        "sectors": {"type": "array", "items": {"type": "string"}},
                        "languages": {"type": "array", "items": {"type": "string"}},
                        "embargoed": {"type": "string", "format": "date-time"},
                        "subheadline": _SUBHEADLINE,
                        "new_story": {"type": "boolean"},
                    },
                }
            },
        },
    }
}


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["stories"], responses=responses(*API))
    limit = wire.settings.max_upload_bytes
    stories = StoryService(wire)

    @api.post(
        "/stories",
        status_code=201,
        response_model=SubmittedAnswer,
        responses=_SUBMITTED,
        openapi_extra=_SUBMISSION_BODY,
    )
    async def submit_story(request: Request) -> JSONResponse:
        """Submit a story (JSON with `content`, or a multipart `file` upload)."""
        submission = await read_submission(request, limit)
        result = await run_in_threadpool(
            lambda: stories.submit(
                principal_of(request),
                submission.data,
                source=submission.source,
                language=submission.language,
                sectors=submission.sectors,
                languages=submission.languages,
                embargoed=submission.embargoed,
                new_story=submission.new_story,
                subheadline=submission.subheadline,
            )
        )
        return _submitted(result)

    @api.post(
        "/stories/{story_id}/versions",
        status_code=201,
        response_model=SubmittedAnswer,
        responses={**_SUBMITTED, **responses(404)},
        openapi_extra=_SUBMISSION_BODY,
    )
    async def submit_version(story_id: str, request: Request) -> JSONResponse:
        """Submit a new version of a story: it keeps the story's uri and increments `version`."""
        submission = await read_submission(request, limit)
        result = await run_in_threadpool(
            lambda: stories.submit(
                principal_of(request),
                submission.data,
                source=submission.source,
                language=submission.language,
                sectors=submission.sectors,
                languages=submission.languages,
                embargoed=submission.embargoed,
                update_of=story_id,
                correction_reason=submission.correction_reason,
                subheadline=submission.subheadline,
            )
        )
        return _submitted(result)

    @api.get("/stories", response_model=StoryList, responses=responses(422))
    async def list_stories(
        request: Request,
        limit: int = Query(50, ge=1, le=500),
        offset: Offset = 0,
        state: str | None = Query(
            None,
            description="only stories in this state: `needs-review` is the review queue "
            "(a language of the latest version waits for an editor; the most urgent first, "
            "then the one due first: by its embargo, else its age), or released, "
            "processing, withdrawn …",
        ),
        q: str | None = Query(
            None,
            max_length=MAX_SEARCH,
            description="only stories whose headline holds this, in any case",
        ),
    ) -> dict[str, Any]:
        """Stories, most recently updated first, with the state of each language and how many
        of its deliveries arrived (a publisher's token sees its own). A story's state is the
        worst of its languages."""
        wanted = StoryState.parse(state) if state else None
        found = await run_in_threadpool(
            lambda: stories.lines(
                principal_of(request), limit=limit, offset=offset, state=wanted, search=q
            )
        )
        return {"stories": [line.to_json() for line in found]}

    @api.get("/stories/{story_id}", response_model=StoryAnswer, responses=responses(404))
    async def get_story(story_id: str, request: Request) -> dict[str, Any]:
        """One story with all its versions and renditions."""
        view = await run_in_threadpool(stories.story, principal_of(request), story_id)
        return view.to_json()

    @api.get("/stories/{story_id}/ninjs", response_model=NinjsAnswer, responses=responses(404, 422))
    async def get_ninjs(
        story_id: str,
        request: Request,
        lang: str | None = Query(
            None, description="BCP 47 language; the source language if absent"
        ),
        version: VersionNumber = None,
    ) -> JSONResponse:
        """The story as an IPTC ninjs 2.1 document."""
        document = await run_in_threadpool(
            stories.ninjs, principal_of(request), story_id, lang, version
        )
        return JSONResponse(document, media_type="application/json")

    @api.get("/report", response_model=WireReport)
    async def report(request: Request) -> dict[str, Any]:
        """Counts of what the wire holds: stories, versions, languages, events, deliveries, jobs
        (a publisher's token counts its own stories and the work on them)."""
        return (await run_in_threadpool(stories.report, principal_of(request))).to_json()

    return api


def _submitted(result: Submitted) -> JSONResponse:
    """The story and version a submission became; `same_story_of` says when the wire recognised
    it as a new version of a story the sender did not name."""
    return JSONResponse(
        result.to_json(),
        status_code=201 if result.created else 200,
        headers={"Location": f"/v1/stories/{result.story_id}"},
    )
