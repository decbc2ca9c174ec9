"""`/v1/stories/{id}/classification`: a story's Media Topics, sectors, regions and urgency;
editors correct them here (the model learns from every correction)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.classify.service import ClassificationService, Correction
from polywire.surrogates import Text
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


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["classification"], responses=responses(*API, 404, 422))
    service = ClassificationService(wire.database, wire.settings.classify)

    @api.get("/stories/{story_id}/classification")
    async def get_classification(story_id: str, version: VersionNumber = None) -> dict[str, Any]:
        """The current classification of a version (the latest by default), with evidence."""
        return await run_in_threadpool(service.current, story_id, version)

    @api.post("/stories/{story_id}/classification", responses=responses(*BODY))
    async def correct_classification(story_id: str, body: CorrectionBody) -> dict[str, Any]:
        """Correct a version's topics, regions or urgency; returns the corrected classification."""
        correction = Correction(
            topics=body.topics, regions=body.regions, urgency=body.urgency, editor=body.editor
        )
        return await run_in_threadpool(service.correct, story_id, body.version, correction)

    return api
