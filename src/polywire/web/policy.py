"""`/v1/review-policy`: a publisher's review policy over HTTP — which of its translations are
released when their check passes, and which wait for an editor
(`polywire.publish.editorial.policy`), through `polywire.services.PolicyService`, as the desk's
policy page and `polywire review policy`.

A token or session bound to a publisher reads and sets that publisher's policy only; naming
another is refused (403). Without a publisher named, the policy is the acting user's publisher's,
else the wire's default publisher's.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from polywire.services.policy import PolicyService
from polywire.settings.review import ANY, ENGINES, Rule
from polywire.surrogates import Text
from polywire.web.pages.guard import principal_of
from polywire.web.problems import API, BODY, responses
from polywire.wire import Wire

_ENGINE_HELP = f"one of {', '.join(ENGINES)}, or `*` for any"


class PolicyRule(BaseModel):
    language: Text = Field(
        default=ANY, max_length=35, description="BCP 47 language, or `*` for any"
    )
    engine: Text = Field(default=ANY, max_length=20, description=_ENGINE_HELP)
    policy: Text = Field(max_length=20, description="auto, hold-on-findings or review")


class WireRule(PolicyRule):
    publisher: str = Field(description="the publisher the wire's rule is for, or `*`")


class PolicyAnswer(BaseModel):
    publisher: str
    default: str = Field(description="the policy of a translation no rule names")
    rules: list[PolicyRule] = Field(description="the publisher's own rules, which come first")
    wire_rules: list[WireRule] = Field(description="the wire's rules (settings) that apply")
    policies: dict[str, str] = Field(description="what each policy means")


class PolicyChange(BaseModel):
    rules: list[PolicyRule] = Field(
        max_length=500, description="the publisher's rules, replacing all it had"
    )


def router(wire: Wire) -> APIRouter:
    api = APIRouter(prefix="/v1", tags=["review"], responses=responses(*API, 422))
    service = PolicyService(wire)
    Publisher = Query(
        None,
        max_length=100,
        description="whose policy (default: the acting user's publisher, else the default one)",
    )

    @api.get("/review-policy", response_model=PolicyAnswer)
    async def show(request: Request, publisher: str | None = Publisher) -> dict[str, Any]:
        """A publisher's review policy: its own rules and the wire's that apply to it."""
        view = await run_in_threadpool(service.show, principal_of(request), publisher)
        return view.to_json()

    @api.put("/review-policy", response_model=PolicyAnswer, responses=responses(*BODY))
    async def change(
        request: Request, change: PolicyChange, publisher: str | None = Publisher
    ) -> dict[str, Any]:
        """Replace a publisher's own rules (`[]` leaves only the wire's). Each rule names a
        language and an engine (`*`: any) and a policy: `auto` (released when its check passes),
        `hold-on-findings` (held for an editor on any finding) or `review` (every machine
        translation waits for an editor). Applies to translations checked from now on."""
        actor = principal_of(request)
        service.publisher(actor, publisher)  # another publisher's is refused before the rules
        rules = [
            Rule.parse(policy=r.policy, language=r.language, engine=r.engine) for r in change.rules
        ]
        view = await run_in_threadpool(service.replace, actor, rules, publisher)
        return view.to_json()

    return api
