"""`polywire submit`, `polywire stories`, `polywire show`: against a running wire's API
(`--api URL` or `POLYWIRE_API_URL`) or the embedded store in the data directory."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from polywire.cli._common import api_option, remote, settings_from, store_options
from polywire.domain import BadInput, StoryState
from polywire.language_tags import language_tag
from polywire.surrogates import clean_text
from polywire.wire import SameStoryOf, Submitted, Wire

_NEW_STORY_HINT = "submit it with --new-story to make it a story of its own"


def _read_input(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    file = Path(path)
    if not file.is_file():
        raise BadInput(path, "no such file")
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
    new_story: bool,
    no_wait: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Submit a story FILE (text or HTML; - for stdin) and print its id; when the wire files it
    as a new version of a story it holds, it says so (on standard error)."""
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
    if settings.api_url:
        fields: dict[str, Any] = {"sectors": list(sectors)}
        if language:
            fields["language"] = language
        if targets:
            fields["languages"] = ",".join(targets)
        if embargoed:
            fields["embargoed"] = embargoed.isoformat()
        if correction:
            fields["correction_reason"] = correction
        if new_story:
            fields["new_story"] = "true"
        path = f"/v1/stories/{update_of}/versions" if update_of else "/v1/stories"
        result = remote(settings, "POST", path, files={"file": (source, data)}, data=fields)
        same = result.get("same_story_of")
        if same:
            same_story_of = SameStoryOf(same["id"], same["headline"], same["score"])
            answer = Submitted(result["id"], result["version"], result["created"], same_story_of)
            click.echo(f"{answer.announcement()}; {_NEW_STORY_HINT}", err=True)
        click.echo(result["id"])
        return
    wire = Wire(settings)
    try:
        submitted = wire.submit(
            data,
            source=source,
            language=language,
            sectors=list(sectors),
            languages=targets,
            embargoed=embargoed,
            update_of=update_of,
            correction_reason=correction,
            new_story=new_story,
        )
        if not no_wait:
            asyncio.run(wire.worker().run_until_idle())
    finally:
        wire.close()
    if not submitted.created:
        click.echo(f"unchanged: already stored as version {submitted.version}", err=True)
    announcement = submitted.announcement()
    if announcement:
        click.echo(f"{announcement}; {_NEW_STORY_HINT}", err=True)
    click.echo(submitted.story_id)


@click.command("stories")
@click.option("--limit", default=50, show_default=True)
@click.option(
    "--state",
    default=None,
    metavar="STATE",
    help="Only stories in STATE: needs-review (the review queue), released, withdrawn …",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@api_option
@store_options
def list_stories(
    limit: int,
    state: str | None,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """List stories and the state of each language of their latest version; a story's state
    is the worst of its languages."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    wanted = StoryState.parse(state, source="--state") if state else None
    if settings.api_url:
        query = f"limit={limit}" + (f"&state={wanted.value}" if wanted else "")
        rows = remote(settings, "GET", f"/v1/stories?{query}")["stories"]
    else:
        wire = Wire(settings)
        try:
            found = wire.stories(limit=limit, state=wanted)
            states = wire.rendition_states([s.id for s in found])
            rows = [
                {
                    "id": s.id,
                    "uri": s.uri,
                    "state": s.state.value,
                    "latest_version": s.latest_version,
                    "source_language": s.source_language,
                    "languages": states[s.id],
                }
                for s in found
            ]
        finally:
            wire.close()
    if as_json:
        click.echo(json.dumps({"stories": rows}, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(
            f"no stories in state {wanted.value}"
            if wanted
            else "no stories yet: polywire submit FILE"
        )
    for row in rows:
        languages = " ".join(f"{lang}:{state}" for lang, state in sorted(row["languages"].items()))
        click.echo(f"{row['id']}  v{row['latest_version']}  {row['state']:<10}  {languages}")


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
    """Show one story with all its versions and renditions."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    if settings.api_url:
        document = remote(settings, "GET", f"/v1/stories/{story_id}")
    else:
        wire = Wire(settings)
        try:
            document = wire.story(story_id).to_json()
        finally:
            wire.close()
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    click.echo(f"{document['id']}  {document['uri']}  {document['state']}")
    for version in document["versions"]:
        click.echo(f"\nversion {version['version']}  {version['versioncreated']}")
        if version["correction_reason"]:
            click.echo(f"  correction: {version['correction_reason']}")
        for rendition in version["renditions"]:
            origin = "source" if rendition["is_source"] else (rendition["engine"] or "")
            click.echo(f"  [{rendition['language']}] {rendition['state']} {origin}".rstrip())
            click.echo(f"    {rendition['headline']}")
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


commands: list[click.Command] = [submit, list_stories, show]
