"""`/desk/review-policy`: a publisher's review policy on the desk — its own rules (add, change,
remove) and the wire's, with what each policy means, through `polywire.services.PolicyService`,
as the HTTP API and the command line.

A user bound to a publisher sees and sets its publisher's policy; one bound to none (an admin)
picks the publisher with `?publisher=`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from polywire.domain import PolywireError
from polywire.services.policy import PolicyService
from polywire.settings.review import ENGINES, Policy, Rule, parse_engine, parse_language
from polywire.web.pages.forms import checked_form, text
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.wire import Wire

PATH = "/desk/review-policy"


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    service = PolicyService(wire)

    async def policy_page(
        request: Request,
        viewer: Viewer,
        publisher: str,
        *,
        notice: str | None = None,
        error: str | None = None,
    ) -> HTMLResponse:
        return page(
            request,
            "review_policy.html",
            brand=brand,
            viewer=viewer,
            view=await run_in_threadpool(service.show, viewer.principal, publisher),
            policies=list(Policy),
            engines=ENGINES,
            notice=notice,
            error=error,
            status_code=422 if error else 200,
        )

    @pages.get(PATH)
    async def show(
        request: Request, publisher: str | None = Query(None), done: str | None = None
    ) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        whose = service.publisher(viewer.principal, publisher)
        return await policy_page(request, viewer, whose, notice=done)

    @pages.post(PATH)
    async def change(request: Request) -> Response:
        """Set a rule (`policy` is one of the policies) or remove one (`policy=wire`)."""
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        actor = viewer.principal
        whose = service.publisher(actor, text(form, "publisher"))
        chosen = text(form, "policy")

        def apply() -> str:
            if chosen == "wire":
                language = parse_language(text(form, "language"))
                engine = parse_engine(text(form, "engine"))
                service.unset_rule(actor, language, engine, whose)
                return f"{_named(language, engine)}: the wire's rules apply"
            rule = Rule.parse(
                policy=chosen, language=text(form, "language"), engine=text(form, "engine")
            )
            service.set_rule(actor, rule, whose)
            return f"{_named(rule.language, rule.engine)}: {rule.policy.value}"

        try:
            done = await run_in_threadpool(apply)
        except PolywireError as problem:
            return await policy_page(request, viewer, whose, error=str(problem))
        query = urlencode({"publisher": whose, "done": done})
        return RedirectResponse(f"{PATH}?{query}", status_code=303)

    return pages


def _named(language: str, engine: str) -> str:
    languages = "any language" if language == "*" else language
    engines = "any engine" if engine == "*" else engine
    return f"{languages} by {engines}"
