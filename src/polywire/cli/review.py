"""`polywire review approve/hold/edit/release`: what an editor does on the desk's review page,
from a terminal: against a running wire's API (`--api URL` or `POLYWIRE_API_URL`, with
`POLYWIRE_API_TOKEN`) or the embedded store in the data directory."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import click

from polywire.cli._common import Api, F, api_option, settings_from, store_options, through
from polywire.cli._ids import resolve, resolve_story_via_api
from polywire.domain import BadInput

if TYPE_CHECKING:
    from polywire.config import Settings
    from polywire.publish.editorial.review import Reviewed
    from polywire.services.review import ReviewService
    from polywire.wire import Wire

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@click.group()
def review() -> None:
    """Approve, hold or correct the translations of a story's latest version."""


def _language_option(command: F) -> F:
    return click.option(
        "--language", "-l", required=True, help="BCP 47 language of the translation, e.g. es."
    )(command)


def _output_options(command: F) -> F:
    command = click.option("--json", "as_json", is_flag=True, help="Print JSON.")(command)
    command = api_option(command)
    return store_options(command)


def _wait_option(command: F) -> F:
    return click.option(
        "--no-wait", is_flag=True, help="Embedded: store it and return; a running wire releases it."
    )(command)


@review.command("approve")
@click.argument("story_id")
@_language_option
@_wait_option
@_output_options
def approve(
    story_id: str,
    language: str,
    no_wait: bool,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Release a language of STORY_ID (at its embargo time), also when the fidelity check held
    it for review."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    [document] = _act(
        settings,
        story_id,
        api=lambda api, story: [api("POST", f"{_language_path(story, language)}/approve")],
        store=lambda service, story: [service.approve(None, story, language)],
        wait=not no_wait,
    )
    _show(document, [document], as_json=as_json)


@review.command("hold")
@click.argument("story_id")
@_language_option
@_output_options
def hold(
    story_id: str,
    language: str,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Keep a language of STORY_ID back for review: nothing releases it until it is approved."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    [document] = _act(
        settings,
        story_id,
        api=lambda api, story: [api("POST", f"{_language_path(story, language)}/hold")],
        store=lambda service, story: [service.hold(None, story, language)],
        wait=False,
    )
    _show(document, [document], as_json=as_json)


@review.command("edit")
@click.argument("story_id")
@click.argument("file", type=click.Path(allow_dash=True))
@_language_option
@click.option(
    "--note",
    default=None,
    help="What the correction changes: needed when the language was released.",
)
@_output_options
def edit(
    story_id: str,
    file: str,
    language: str,
    note: str | None,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Replace a language's translation of STORY_ID with FILE (- for stdin): the headline on the
    first line, the subheadline (when the story has one) on the line right under it, as
    `polywire show` prints them, a blank line, then the paragraphs separated by blank lines.
    Without a subheadline line the translation keeps its own. It is checked against the
    source before it is saved; its state follows the check's verdict, and the translation
    memory learns it. A released translation is corrected: a new version, sent with --note as
    its correction note to everyone who got the language."""
    translation = read_translation(file)
    settings = settings_from(data_dir, database_url, api_url=api_url)
    text = {**translation.to_json(), "note": note}
    [document] = _act(
        settings,
        story_id,
        api=lambda api, story: [api("PUT", _language_path(story, language), json=text)],
        store=lambda service, story: [
            service.edit_translation(
                None,
                story,
                language,
                translation.headline,
                translation.body,
                note=note,
                subheadline=translation.subheadline,
            )
        ],
        wait=False,
    )
    _show(document, [document], as_json=as_json)


@review.command("release")
@click.argument("story_id")
@_wait_option
@_output_options
def release(
    story_id: str,
    no_wait: bool,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Release the source and every language of STORY_ID's latest version that passed its
    check or was approved; a language held for review is left out (approve it on its own),
    and the answer says which were left out and why."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    left: list[dict[str, Any]] = []
    resolved = [story_id]

    def via_api(api: Api, story: str) -> list[dict[str, Any]]:
        resolved[0] = story
        answer = api("POST", f"/v1/stories/{quote(story, safe='')}/release")
        left.extend(answer["left"])
        return list(answer["approved"])

    def on_store(service: ReviewService, story: str) -> list[Reviewed]:
        resolved[0] = story
        plan = service.release_ready(None, story)
        left.extend(reviewed.to_json() for reviewed in plan.left)
        return plan.approved

    documents = _act(settings, story_id, api=via_api, store=on_store, wait=not no_wait)
    if as_json:
        _show({"id": resolved[0], "approved": documents, "left": left}, documents, as_json=True)
        return
    if not documents:
        click.echo(f"{resolved[0]}: nothing left to release")
    _show({}, documents, as_json=False)
    for document in left:
        click.echo(f"left out {document['done']}")


@dataclass(frozen=True)
class TranslationFile:
    """A translation as `polywire review edit` reads it from a file."""

    headline: str
    body: list[str]
    subheadline: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The API's translation fields."""
        return {"headline": self.headline, "subheadline": self.subheadline, "body": self.body}


def read_translation(file: str) -> TranslationFile:
    """A translation from a text file: the headline, the subheadline on the line right under it
    (optional: `polywire show` prints them so), then after a blank line the body's paragraphs.
    A third line before the blank line is refused rather than guessed at: a paragraph that
    follows the headline without a blank line would otherwise be saved as its subheadline."""
    if file == "-":
        raw = sys.stdin.buffer.read()
    else:
        path = Path(file)
        if not path.is_file():
            raise BadInput(file, "no such file")
        raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(file, "not UTF-8 text") from None
    head, *blocks = _BLANK_LINE.split(text.replace("\r\n", "\n").strip())
    lines = [" ".join(line.split()) for line in head.splitlines()]
    body = [" ".join(block.split()) for block in blocks if block.strip()]
    if not 1 <= len(lines) <= 2 or not body:
        raise BadInput(
            file,
            "a translation needs the headline on its first line, the subheadline (if any) on "
            "the next, a blank line, then the paragraphs separated by blank lines",
        )
    return TranslationFile(lines[0], body, lines[1] if len(lines) == 2 else None)


def _language_path(story_id: str, language: str) -> str:
    return f"/v1/stories/{quote(story_id, safe='')}/languages/{quote(language, safe='')}"


def _act(
    settings: Settings,
    story_id: str,
    *,
    api: Callable[[Api, str], list[dict[str, Any]]],
    store: Callable[[ReviewService, str], list[Reviewed]],
    wait: bool,
) -> list[dict[str, Any]]:
    """Review STORY_ID (its id or the beginning of it) through the running wire's API, or on
    the embedded store as its operator; there, with `wait`, run the jobs the action queued (the
    release, then the deliveries) and answer with each language's state after them."""
    return through(
        settings,
        api=lambda client: api(client, resolve_story_via_api(client, story_id)),
        store=lambda wire: _on_store(wire, store, resolve(wire, "story", story_id), wait=wait),
    )


def _on_store(
    wire: Wire,
    action: Callable[[ReviewService, str], list[Reviewed]],
    story_id: str,
    *,
    wait: bool,
) -> list[dict[str, Any]]:
    import asyncio

    from polywire.services import ReviewService, StoryService

    documents = [reviewed.to_json() for reviewed in action(ReviewService(wire), story_id)]
    if wait and documents:
        asyncio.run(wire.worker().run_until_idle())
        renditions = StoryService(wire).story(None, story_id).renditions
        states = {(r.version, r.language): r.state.value for r in renditions}
        for document in documents:
            document["state"] = states[document["version"], document["language"]]
    return documents


def _show(answer: object, documents: list[dict[str, Any]], *, as_json: bool) -> None:
    """The answer as JSON (what the API answers), or one line per language and its findings."""
    if as_json:
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    for document in documents:
        verdict = document["verdict"] or "not checked"
        click.echo(f"{document['done']} (state: {document['state']}, check: {verdict})")
        for finding in document["findings"]:
            number = finding["paragraph"]
            where = "headline" if number == 0 else f"paragraph {number}"
            click.echo(
                f"  {where}: {finding['check']}, {finding['severity']}: {finding['message']}"
            )
