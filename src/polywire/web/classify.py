"""`/v1/stories/{id}/classification`: a story's Media Topics, sectors, regions and urgency;
editors correct them here (the model learns from every correction). Who may reach the story is
`StoryService.reach`'s rule."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.classify.service import ClassificationService, Correction
from polywire.services import StoryService
from polywire.surrogates import Text
from polywire.web.pages.guard import principal_of
from polywire.web.params import MAX_VERSION, VersionNumber
from polywire.web.problems import API, BODY, responses
from polywire.wire import Wire


class CorrectionBody(BaseModel):
    """An editor's correction; a field left out stays as it is."""

    topics: list[Text] | None = Field(
        default=None, description="Media Topic codes (medtop:NNNNNNNN), most relevant first"
    )
    regions: list[Text] | None = Field(
        default=None, description="ISO 3166-1 alpha-2 country codes, the main one first"
    )
    urgency: int | None = Field(default=None, ge=1, le=9)
    version: int | None = Field(
        default=None, ge=1, le=MAX_VERSION, description="default: the latest version"
    )
    editor: Text | None = Field(default=None, max_length=200)


class TopicAnswer(BaseModel):
    code: str = Field(description="Media Topic code (medtop:NNNNNNNN)")
    label: str
    confidence: float = Field(description="0 to 1; 1 for an editor's")
    evidence: list[str] = Field(description="the words that led to it")


class RegionAnswer(BaseModel):
    code: str = Field(description="ISO 3166-1 alpha-2 country code")
    name: str
    evidence: list[str] = Field(description="the words that name it")


class ClassificationAnswer(BaseModel):
    """A version's classification, with the evidence for each tag."""

    story_id: str
    version: int
    topics: list[TopicAnswer] = Field(description="most relevant first")
    sectors: list[str]
    regions: list[RegionAnswer] = Field(description="the main one first")
    urgency: int = Field(description="ninjs urgency, 1 (most urgent) to 9")
    learned_from: int = Field(description="editors' corrections the model has learned from")
    corrected: bool = Field(description="an editor corrected it")


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["classification"], responses=responses(*API, 404, 422))
    service = ClassificationService(wire.database, wire.settings.classify)
    stories = StoryService(wire)

    @api.get("/stories/{story_id}/classification", response_model=ClassificationAnswer)
    async def get_classification(
        story_id: str, request: Request, version: VersionNumber = None
    ) -> dict[str, Any]:
        """The current classification of a version (the latest by default), with evidence."""
        await run_in_threadpool(stories.reach, principal_of(request), story_id)
        return await run_in_threadpool(service.current, story_id, version)

    @api.post(
        "/stories/{story_id}/classification",
        response_model=ClassificationAnswer,
        responses=responses(*BODY),
    )
    async def correct_classification(
        story_id: str, body: CorrectionBody, request: Request
    ) -> dict[str, Any]:
        """Correct a version's topics, regions or urgency; returns the corrected classification."""
        await run_in_threadpool(stories.reach, principal_of(request), story_id)
        correction = Correction(
            topics=body.topics, regions=body.regions, urgency=body.urgency, editor=body.editor
        )
        return await run_in_threadpool(service.correct, story_id, body.version, correction)

    return api
