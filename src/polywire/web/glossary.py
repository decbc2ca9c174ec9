"""`/v1/glossary`: a publisher's glossary, term by term.

`GET /v1/glossary` lists the terms; `PUT /v1/glossary/{term}` adds or replaces one
(`{"keep": true}` or `{"translations": {"es": "…"}}`); `DELETE /v1/glossary/{term}` removes it.
A principal bound to a publisher reads and edits that publisher's glossary only (naming another
in `?publisher=` is 403); an admin names the publisher, the wire's default publisher otherwise
(`polywire.services.GlossaryService`, as the desk's glossary page and `polywire glossary`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.glossary import parse_term
from polywire.services.glossary import GlossaryService
from polywire.web.body import read_json
from polywire.web.pages.guard import principal_of
from polywire.web.problems import API, BODY, responses
from polywire.wire import Wire

_BODY_LIMIT = 16 * 1024


class TermAnswer(BaseModel):
    term: str
    keep: bool = Field(description="never translated")
    translations: dict[str, str] = Field(description="its one rendering per language (BCP 47)")


class GlossaryAnswer(BaseModel):
    publisher: str
    terms: list[TermAnswer] = Field(description="in alphabetical order")


_PUBLISHER = Query(None, max_length=100, description="whose glossary (admins; default: the wire's)")


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["glossary"], responses=responses(*API))
    service = GlossaryService(wire)

    @api.get("/glossary", response_model=GlossaryAnswer, responses=responses(422))
    async def list_glossary(request: Request, publisher: str | None = _PUBLISHER) -> dict[str, Any]:
        """The publisher's glossary, terms in alphabetical order (the settings' glossary, which
        the translator also applies, is not listed)."""
        owner, terms = await run_in_threadpool(service.terms, principal_of(request), publisher)
        return {"publisher": owner, "terms": [t.to_json() for t in terms]}

    @api.put(
        "/glossary/{term}",
        response_model=TermAnswer,
        responses={
            201: {"model": TermAnswer, "description": "The term is new"},
            **responses(*BODY),
        },
    )
    async def set_glossary_term(
        term: str, request: Request, publisher: str | None = _PUBLISHER
    ) -> Response:
        """Add or replace a term: `{"keep": true}` (never translated) or `{"translations":
        {"es": "…", "fr": "…"}}` (BCP 47 tags). 201 when new, 200 when replaced."""
        actor = principal_of(request)
        service.owner(actor, publisher)  # refused before the body is read
        parsed = parse_term(term, await read_json(request, _BODY_LIMIT))
        created = await run_in_threadpool(service.set, actor, parsed, publisher)
        return JSONResponse(parsed.to_json(), status_code=201 if created else 200)

    @api.delete(
        "/glossary/{term}", status_code=204, response_class=Response, responses=responses(404)
    )
    async def remove_glossary_term(
        term: str, request: Request, publisher: str | None = _PUBLISHER
    ) -> Response:
        """Remove a term: translations no longer apply it and checks no longer enforce it."""
        await run_in_threadpool(service.remove, principal_of(request), term, publisher)
        return Response(status_code=204)

    return api
