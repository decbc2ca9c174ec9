"""`/desk/stories/{id}`: review a story. The source and each translation side by side, paragraph
against paragraph, with the fidelity findings highlighted where they are; edit a translation by
hand (it is checked again before it is saved; a released one is corrected: a new version, sent
with its correction note to everyone who got it), approve, hold or release a language, correct
the source (a new version) or withdraw the story. Approving a language held for an editor asks
first, naming what the approval goes over: the review policy that held it and its check's findings.

The actions themselves are `polywire.publish.editorial.review`'s, shared with the HTTP API and the
command line. A translation the check stage has not judged yet is checked on the page, and says so.

The page shows the story's version history, each version's correction line and a diff from the
one before, and an embargoed story's time left until its embargo lifts, counted down live.

The page follows its story live: `/desk/stories/{id}/live.json` gives the story's shown state and
each language's state and verdict, and the review queue's length for the nav; the page's script
polls it, keeping the nav's count live, and fetches the page again only when the story changed
(to swap in the sections that did, leaving a section being edited alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from polywire.accounts.access import Forbidden
from polywire.check import Text, check_translation
from polywire.domain import (
    BadInput,
    Dateline,
    Extraction,
    PolywireError,
    Rendition,
    RenditionState,
    Version,
    furniture_pair,
)
from polywire.ingest.subheadlines import given_subheadline
from polywire.publish.editorial import review as actions
from polywire.services import DeliveryService, ReviewService, StoryService, StoryView
from polywire.settings.review import Policy
from polywire.store.types import utcnow
from polywire.web.pages.confirm import confirmation_page, confirmed
from polywire.web.pages.forms import checked_form, paragraphs, text
from polywire.web.pages.history import countdown, history
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
from polywire.web.pages.submit import draft_document
from polywire.wire import Wire


@dataclass
class Row:
    """One line of the side-by-side table: the headline, the subheadline, a body paragraph or
    a piece of the release's furniture (About texts, captions). `number` is the paragraph
    number the check gives the line's findings (None for a subheadline the check did not read,
    a translation without its furniture)."""

    number: int | None  # 0 is the headline
    source: str
    target: str
    kind: Literal["headline", "subheadline", "paragraph"] = "paragraph"
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Column:
    rendition: Rendition
    check: dict[str, Any] | None
    checked_here: bool
    rows: list[Row]

    @property
    def open(self) -> bool:
        return self.rendition.state in actions.OPEN


def _column(source: Rendition, rendition: Rendition, wire: Wire) -> Column:
    check, checked_here = rendition.check, False
    has_text = bool(rendition.headline or rendition.body)
    # The publisher's About texts and the captions follow the body, as the check reads them.
    ours, theirs = furniture_pair(source, rendition)
    if check is None and has_text:
        check = check_translation(
            Text(source.language, source.headline, [*source.body, *ours]),
            Text(rendition.language, rendition.headline, [*rendition.body, *theirs]),
            wire.settings.check,
        ).to_json()
        checked_here = True
    rows = _rows(source, rendition, ours, theirs)
    by_number: dict[int, Row] = {}
    for row in rows:
        if row.number is not None:
            by_number.setdefault(row.number, row)
    for finding in (check or {}).get("findings", []):
        found = by_number.get(int(finding.get("paragraph", 0)))
        if found is not None:
            found.findings.append(finding)
    return Column(rendition, check, checked_here, rows)


def _rows(source: Rendition, rendition: Rendition, ours: list[str], theirs: list[str]) -> list[Row]:
    """The lines in reading order: headline, subheadline, body, then the furniture. The check
    reads the subheadline after the body (`Version.furniture_texts`), so it keeps that number
    while it is shown under the headline, where the release prints it."""
    after_body = len(source.body) + 1  # the check's number of the first furniture segment
    rows = [Row(0, source.headline, rendition.headline, "headline")]
    if source.subheadline or rendition.subheadline:
        paired = bool(ours) and bool(source.subheadline) and bool(rendition.subheadline)
        rows.append(
            Row(
                after_body if paired else None,
                source.subheadline or "",
                rendition.subheadline or "",
                "subheadline",
            )
        )
        if paired:
            ours, theirs, after_body = ours[1:], theirs[1:], after_body + 1
    for index in range(max(len(source.body), len(rendition.body))):
        rows.append(Row(index + 1, _at(source.body, index), _at(rendition.body, index)))
    for index in range(max(len(ours), len(theirs))):
        rows.append(Row(after_body + index, _at(ours, index), _at(theirs, index)))
    return rows


def _at(parts: list[str], index: int) -> str:
    return parts[index] if index < len(parts) else ""


#: What a finding on a line that is not a paragraph says it is on (the page's row labels).
_ROW_NAMES = {"headline": "Headline", "subheadline": "Subtitle"}


def _why_held(source: Rendition, rendition: Rendition) -> list[str]:
    """What the approval goes over, named: the review policy that held the translation, and
    each finding of its check, on the headline, the subheadline or a paragraph."""
    rows = _rows(source, rendition, *furniture_pair(source, rendition))
    names = {row.number: _ROW_NAMES[row.kind] for row in rows if row.kind in _ROW_NAMES}
    check = rendition.check or {}
    said: list[str] = []
    if check.get("policy") in (Policy.REVIEW.value, Policy.HOLD_ON_FINDINGS.value):
        policy = Policy(check["policy"])
        said.append(f"Held by the review policy {policy.value!r}: {policy.meaning}.")
    findings = check.get("findings", [])
    for finding in findings:
        number = int(finding.get("paragraph", 0))
        where = names.get(number, f"Paragraph {number}")
        said.append(
            f"{where}: {finding.get('check')} ({finding.get('severity')}): {finding.get('message')}"
        )
    if not findings:
        said.append("The check found nothing to doubt.")
    said.append(f"Approving releases the {rendition.language} translation as it is.")
    return said


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    deliveries, reviews, stories = DeliveryService(wire), ReviewService(wire), StoryService(wire)

    def load(
        viewer: Viewer, story_id: str
    ) -> tuple[StoryView, Version, Rendition, list[Rendition]]:
        """The story as the story service shows it, with its latest version, that version's
        original and its translations."""
        view = stories.story(viewer.principal, story_id)
        latest = view.story.latest_version
        version = next(v for v in view.versions if v.version == latest)
        found = [r for r in view.renditions if r.version == latest]
        source = next(r for r in found if r.is_source)
        return view, version, source, [r for r in found if not r.is_source]

    def change(viewer: Viewer, story_id: str, language: str, action: str, form: Any) -> str:
        """Apply one action to one language of the latest version; returns what was done."""
        if action == "edit":
            headline, body = text(form, "headline"), paragraphs(text(form, "body"))
            done = reviews.edit_translation(
                viewer.principal,
                story_id,
                language,
                headline,
                body,
                note=text(form, "note") or None,
                subheadline=text(form, "subheadline") or None,
            )
        elif action == "hold":
            done = reviews.hold(viewer.principal, story_id, language)
        else:
            done = reviews.approve(viewer.principal, story_id, language)
        return done.done

    def why_held(viewer: Viewer, story_id: str, language: str) -> list[str] | None:
        """What approving the language of the latest version goes over when it is held for an
        editor, else None."""
        _, _, source, translations = load(viewer, story_id)
        found = next((r for r in translations if r.language == language), None)
        if found is None or found.state != RenditionState.NEEDS_REVIEW:
            return None
        return _why_held(source, found)

    def release_ready(viewer: Viewer, story_id: str) -> str:
        return reviews.release_ready(viewer.principal, story_id).summary()

    def plan_release(viewer: Viewer, story_id: str) -> actions.Release:
        return reviews.plan_release(viewer.principal, story_id)

    async def review_page(
        request: Request,
        viewer: Viewer,
        story_id: str,
        *,
        notice: str | None = None,
        error: str | None = None,
    ) -> HTMLResponse:
        view, version, source, translations = await run_in_threadpool(load, viewer, story_id)
        columns = await run_in_threadpool(
            lambda: [_column(source, rendition, wire) for rendition in translations]
        )
        now = utcnow()
        return page(
            request,
            "review.html",
            brand=brand,
            viewer=viewer,
            story=view.story,
            shown_state=view.shown_state.value,
            version=version,
            source=source,
            columns=columns,
            history=history(view.versions),
            embargo_left=(
                countdown(version.embargoed - now)
                if version.embargoed and version.embargoed > now
                else None
            ),
            notice=notice,
            error=error,
            about_text=about_text(version.about),
            contacts_text=contacts_text(version.contacts),
            pictures_text=pictures_text(version.pictures),
            status_code=422 if error else 200,
        )

    def live_state(viewer: Viewer, story_id: str) -> dict[str, Any]:
        view, version, source, translations = load(viewer, story_id)
        return {
            "id": view.story.id,
            "version": version.version,
            "state": view.shown_state.value,
            "needs_review": viewer.needs_review,
            "languages": {
                r.language: {
                    "state": r.state.value,
                    "verdict": (r.check or {}).get("verdict"),
                    "has_text": bool(r.headline or r.body),
                }
                for r in [source, *translations]
            },
        }

    @pages.get("/desk/stories/{story_id}/live.json")
    async def live(request: Request, story_id: str) -> dict[str, Any]:
        viewer = await require_viewer(request, wire)
        return await run_in_threadpool(live_state, viewer, story_id)

    @pages.get("/desk/stories/{story_id}")
    async def review(request: Request, story_id: str, done: str | None = None) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        return await review_page(request, viewer, story_id, notice=done)

    @pages.post("/desk/stories/{story_id}/languages/{language}/{action}")
    async def act(request: Request, story_id: str, language: str, action: str) -> Response:
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        if action not in ("edit", "approve", "hold"):
            raise BadInput(action, "unknown action: edit, approve or hold")
        if action == "approve" and not confirmed(form):
            held = await run_in_threadpool(why_held, viewer, story_id, language)
            if held is not None:
                return confirmation_page(
                    request,
                    viewer,
                    brand=brand,
                    question=f"Approve {language} for release?",
                    details=held,
                    button=f"Approve {language}",
                    back=f"/desk/stories/{story_id}#lang-{language}",
                )
        try:
            done = await run_in_threadpool(change, viewer, story_id, language, action, form)
        except Forbidden:
            raise
        except PolywireError as problem:
            return await review_page(request, viewer, story_id, error=str(problem))
        return RedirectResponse(f"/desk/stories/{story_id}?done={quote(done)}", status_code=303)

    @pages.post("/desk/stories/{story_id}/release")
    async def release(request: Request, story_id: str) -> Response:
        """Release every language of the latest version that passed or was approved, after a
        confirmation step that says which languages go out and which are left out, and why."""
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        if not confirmed(form):
            plan = await run_in_threadpool(plan_release, viewer, story_id)
            going = ", ".join(r.rendition.language for r in plan.approved)
            return confirmation_page(
                request,
                viewer,
                brand=brand,
                question=f"Release {going}?" if going else "Nothing is ready to release",
                details=[f"Left out {left.done}" for left in plan.left],
                button="Release",
                back=f"/desk/stories/{story_id}",
            )
        done = await run_in_threadpool(release_ready, viewer, story_id)
        return RedirectResponse(f"/desk/stories/{story_id}?done={quote(done)}", status_code=303)

    @pages.post("/desk/stories/{story_id}/correct")
    async def correct(request: Request, story_id: str) -> Response:
        """A corrected source: a new version of the story (same uri), translated and checked
        again into the same languages."""
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        _, version, _, _ = await run_in_threadpool(load, viewer, story_id)
        corrected = Extraction(
            headline=" ".join(text(form, "headline").split()),
            language=version.language,
            body=paragraphs(text(form, "body")),
            byline=version.by,
            dateline=Dateline(version.located, None) if version.located else None,
        )
        try:
            corrected.subheadline = given_subheadline(text(form, "subheadline") or None)
            corrected.about = read_about(text(form, "about"))
            corrected.contacts = read_contacts(text(form, "contacts"))
            corrected.pictures = read_pictures(text(form, "pictures"))
            if not corrected.headline or not corrected.body:
                raise BadInput("correction", "a story needs a headline and at least one paragraph")
            if not text(form, "reason"):
                raise BadInput("reason", "say what the correction corrects")
            submitted = await run_in_threadpool(
                lambda: stories.submit(
                    viewer.principal,
                    draft_document(corrected),
                    source="newsroom correction",
                    language=version.language,
                    sectors=version.sectors,
                    languages=version.target_languages,
                    embargoed=version.embargoed,
                    update_of=story_id,
                    correction_reason=text(form, "reason"),
                )
            )
        except PolywireError as problem:
            return await review_page(request, viewer, story_id, error=str(problem))
        done = (
            f"version {submitted.version} submitted"
            if submitted.created
            else "nothing changed: the correction is the same as the story"
        )
        return RedirectResponse(f"/desk/stories/{story_id}?done={quote(done)}", status_code=303)

    @pages.post("/desk/stories/{story_id}/withdraw")
    async def withdraw(request: Request, story_id: str) -> Response:
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        reason = text(form, "reason")
        try:
            if not reason:
                raise BadInput("reason", "say why the story is withdrawn")
            view, version, _, _ = await run_in_threadpool(load, viewer, story_id)
            if not confirmed(form):
                return confirmation_page(
                    request,
                    viewer,
                    brand=brand,
                    question=f"Withdraw {version.headline!r}?",
                    details=[
                        "Every subscriber who received it is told it is withdrawn, with the "
                        f"reason: {reason}",
                        "A withdrawal cannot be undone.",
                    ],
                    button="Withdraw",
                    back=f"/desk/stories/{view.story.id}",
                    fields={"reason": reason},
                )
            number = await run_in_threadpool(
                deliveries.withdraw, viewer.principal, story_id, reason
            )
        except Forbidden:
            raise
        except PolywireError as problem:
            return await review_page(request, viewer, story_id, error=str(problem))
        done = f"withdrawn as version {number}"
        return RedirectResponse(f"/desk/stories/{story_id}?done={quote(done)}", status_code=303)

    return pages
