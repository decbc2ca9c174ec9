"""`polywire submit`, `polywire stories`, `polywire show`: against a running wire's API
(`--api URL` or `POLYWIRE_API_URL`) or the embedded store in the data directory."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import click

from polywire.cli._common import Api, api_option, settings_from, store_options, through
from polywire.cli._ids import resolve, resolve_story_via_api
from polywire.domain import BadInput, StoryState

if TYPE_CHECKING:
    from polywire.services import StoryService, Submitted
    from polywire.wire import Wire

_NEW_STORY_HINT = "submit it with --new-story to make it a story of its own"


def _read_input(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    file = Path(path)
    if not file.is_file():
        raise BadInput(path, "no such file")
    from polywire.surrogates import clean_text

    return file.read_bytes(), clean_text(path)  # the label the store keeps: text


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--language", default=None, help="BCP 47 language of the story (default: detected).")
@click.option("--sector", "sectors", multiple=True, help="A sector to file it under (repeatable).")
@click.option(
    "--to", "languages", default=None, metavar="xx,yy", help="Target languages (default: settings)."
)
@click.option("--embargo", default=None, help="Release no earlier than this ISO 8601 time.")
@click.option("--update", "update_of", default=None, metavar="ID", help="Submit as a new version.")
@click.option("--correction", default=None, metavar="REASON", help="The new version corrects.")
@click.option(
    "--subheadline",
    default=None,
    metavar="TEXT",
    help="The line under the headline (replaces the one the file printed).",
)
@click.option(
    "--new-story",
    is_flag=True,
    help="A story of its own, even if it reads like a new version of one the wire holds.",
)
@click.option("--no-wait", is_flag=True, help="Embedded: store it and return; a wire runs it.")
@api_option
@store_options
def submit(
    file: str,
    language: str | None,
    sectors: tuple[str, ...],
    languages: str | None,
    embargo: str | None,
    update_of: str | None,
    correction: str | None,
    subheadline: str | None,
    new_story: bool,
    no_wait: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Submit a story FILE (text or HTML; - for stdin) and print its id; when the wire files it
    as a new version of a story it holds, it says so (on standard error)."""
    from polywire.language_tags import language_tag

    settings = settings_from(data_dir, database_url, api_url=api_url)
    data, source = _read_input(file)
    embargoed = _parse_time(embargo) if embargo else None
    if language is not None:
        language = language_tag(language, source="--language")
    targets = (
        [language_tag(code, source="--to") for code in languages.split(",") if code.strip()]
        if languages
        else None
    )

    def via_api(api: Api) -> Submitted:
        from polywire.services import SameStoryOf, Submitted

        fields: dict[str, Any] = {"sectors": list(sectors)}
        if language:
            fields["language"] = language
        if targets:
            fields["languages"] = ",".join(targets)
        if embargoed:
            fields["embargoed"] = embargoed.isoformat()
        if correction:
            fields["correction_reason"] = correction
        if subheadline:
            fields["subheadline"] = subheadline
        if new_story:
            fields["new_story"] = "true"
        path = (
            f"/v1/stories/{resolve_story_via_api(api, update_of)}/versions"
            if update_of
            else "/v1/stories"
        )
        result = api("POST", path, files={"file": (source, data)}, data=fields)
        same = result.get("same_story_of")
        same_story_of = SameStoryOf(same["id"], same["headline"], same["score"]) if same else None
        return Submitted(result["id"], result["version"], result["created"], same_story_of)

    def on_store(wire: Wire) -> Submitted:
        import asyncio

        from polywire.services import StoryService

        submitted = StoryService(wire).submit(
            None,
            data,
            source=source,
            language=language,
            sectors=list(sectors),
            languages=targets,
            embargoed=embargoed,
            update_of=resolve(wire, "story", update_of) if update_of else None,
            correction_reason=correction,
            new_story=new_story,
            subheadline=subheadline,
        )
        if not no_wait:
            asyncio.run(wire.worker().run_until_idle())
        return submitted

    submitted = through(settings, api=via_api, store=on_store)
    if not submitted.created and not settings.api_url:
        click.echo(f"unchanged: already stored as version {submitted.version}", err=True)
    announcement = submitted.announcement()
    if announcement:
        click.echo(f"{announcement}; {_NEW_STORY_HINT}", err=True)
    click.echo(submitted.story_id)


@click.command("stories")
@click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True)
@click.option(
    "--state",
    default=None,
    metavar="STATE",
    help="Only stories in STATE: needs-review (the review queue), released, withdrawn …",
)
@click.option(
    "--search", default=None, metavar="TEXT", help="Only stories whose headline holds TEXT."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@api_option
@store_options
def list_stories(
    limit: int,
    state: str | None,
    search: str | None,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """List stories, most recently updated first: id, latest version, state, headline, and the
    state of each language of the latest version. A story's state is the worst of its
    languages; `--state needs-review` is the review queue; `--search` finds headlines."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    wanted = StoryState.parse(state, source="--state") if state else None
    params = {"limit": limit, "state": wanted.value if wanted else None, "q": search}
    query = urlencode({name: value for name, value in params.items() if value is not None})
    rows: list[dict[str, Any]] = through(
        settings,
        api=lambda api: api("GET", f"/v1/stories?{query}")["stories"],
        store=lambda wire: [
            line.to_json()
            for line in _stories(wire).lines(None, limit=limit, state=wanted, search=search)
        ],
    )
    if as_json:
        click.echo(json.dumps({"stories": rows}, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(_nothing_listed(wanted, search))
    for row in rows:
        languages = " ".join(f"{lang}:{state}" for lang, state in sorted(row["languages"].items()))
        click.echo(f"{row['id']}  v{row['latest_version']}  {row['state']:<10}  {languages}")
        click.echo(f"    {row['headline']}")


def _nothing_listed(state: StoryState | None, search: str | None) -> str:
    if search:
        return f"no story's headline holds {search!r}" + (
            f" in state {state.value}" if state else ""
        )
    return f"no stories in state {state.value}" if state else "no stories yet: polywire submit FILE"


@click.command()
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@api_option
@store_options
def show(
    story_id: str,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Show one story (STORY_ID: its id or the beginning of it) with all its versions and
    renditions, and for each translation the check's verdict, its findings and why a language
    failed."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    document: dict[str, Any] = through(
        settings,
        api=lambda api: api("GET", f"/v1/stories/{resolve_story_via_api(api, story_id)}"),
        store=lambda wire: _stories(wire).story(None, resolve(wire, "story", story_id)).to_json(),
    )
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    click.echo(f"{document['id']}  {document['uri']}  {document['state']}")
    for version in document["versions"]:
        click.echo(f"\nversion {version['version']}  {version['versioncreated']}")
        if version["correction_reason"]:
            click.echo(f"  correction: {version['correction_reason']}")
        for rendition in version["renditions"]:
            _show_rendition(rendition)


def _stories(wire: Wire) -> StoryService:
    """The story service on the embedded store, as the operator (who reaches every story)."""
    from polywire.services import StoryService

    return StoryService(wire)


def _show_rendition(rendition: dict[str, Any]) -> None:
    """A language: state and origin, the check's verdict and findings, the reason it failed,
    then the text."""
    origin = "source" if rendition["is_source"] else (rendition["engine"] or "")
    check = rendition.get("check") or {}
    verdict = f"  check: {check['verdict']}" if check.get("verdict") else ""
    click.echo(f"  [{rendition['language']}] {rendition['state']} {origin}{verdict}".rstrip())
    if rendition.get("error"):
        click.echo(f"    reason: {rendition['error']}")
    for finding in check.get("findings", []):
        number = finding["paragraph"]
        where = "headline" if number == 0 else f"paragraph {number}"
        click.echo(
            f"    finding: {where}: {finding['check']}, {finding['severity']}: {finding['message']}"
        )
    click.echo(f"    {rendition['headline']}")
    if rendition.get("subheadline"):
        click.echo(f"    {rendition['subheadline']}")
    for paragraph in rendition["body"]:
        click.echo(click.wrap_text(paragraph, 96, "    ", "    "))


def _parse_time(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadInput("--embargo", f"not an ISO 8601 date-time: {value!r}") from None
    if moment.tzinfo is None:
        raise BadInput("--embargo", "the time needs a time zone (e.g. 2026-05-01T09:00Z)")
    return moment
