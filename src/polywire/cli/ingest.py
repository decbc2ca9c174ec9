"""`polywire extract FILE [--json]`: what the wire would make of a text, HTML or ninjs file.
`polywire feeds add|list|poll|resume`: RSS, Atom and JSON Feed sources polled into stories."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import click

from polywire.cli._common import open_wire, settings_from, store_options
from polywire.cli._ids import resolve
from polywire.domain import BadInput

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@click.command("extract")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the extraction as one JSON object.")
def extract_command(file: str, as_json: bool) -> None:
    """Extract the story in FILE (text, HTML or ninjs; - for stdin) and print it."""
    from polywire.ingest import extract_path
    from polywire.ingest.render import reader_text

    extraction = extract_path(file)
    if extraction.headline_derived:
        note = "no headline in the input; headline derived from the body"
        click.echo(f"note: {file}: {note}", err=True)
    if as_json:
        click.echo(json.dumps(extraction.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(reader_text(extraction), nl=False)


@click.group("feeds")
def feeds() -> None:
    """RSS, Atom and JSON Feed sources whose entries become stories."""


@feeds.command("add")
@click.argument("url")
@click.option("--every", default=None, metavar="DURATION", help="Poll interval: 30s, 5m, 1h.")
@click.option("--publisher", default=None, help="Whose stories its entries become.")
@store_options
def feeds_add(
    url: str,
    every: str | None,
    publisher: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Add a feed at URL; it is polled from the next pass on. Prints its id."""
    from polywire.services.feeds import FeedService

    seconds = _duration(every) if every else None
    with open_wire(settings_from(data_dir, database_url)) as wire:
        source = FeedService(wire).add(None, url, every_seconds=seconds, publisher=publisher)
    click.echo(source.id)


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the feeds as JSON.")
@store_options
def feeds_list(as_json: bool, data_dir: Path | None, database_url: str | None) -> None:
    """List the feeds, their health and when they are polled next."""
    from polywire.services.feeds import FeedService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        sources = FeedService(wire).visible(None)
    if as_json:
        click.echo(json.dumps({"feeds": [s.to_json() for s in sources]}, indent=2))
        return
    if not sources:
        click.echo("no feeds yet: polywire feeds add URL")
    for source in sources:
        state = "paused" if source.paused else f"every {source.every_seconds}s"
        health = f"{source.errors} errors: {source.last_error}" if source.errors else "ok"
        click.echo(f"{source.id}  {state:<12}  {health}  {source.url}")


@feeds.command("poll")
@click.option("--json", "as_json", is_flag=True, help="Print what each poll did as JSON.")
@click.option("--no-wait", is_flag=True, help="Store the stories and return; a wire runs them.")
@store_options
def feeds_poll(
    as_json: bool, no_wait: bool, data_dir: Path | None, database_url: str | None
) -> None:
    """Poll every feed that is not paused once, now."""
    from functools import partial

    from polywire.ingest.feeds import FeedPoller
    from polywire.services import StoryService

    settings = settings_from(data_dir, database_url)
    with open_wire(settings) as wire:
        submit = partial(StoryService(wire).submit, None)  # as the operator
        poller = FeedPoller(wire.database, submit, settings.ingest)
        reports = asyncio.run(poller.poll_all())
        if not no_wait:
            asyncio.run(wire.worker().run_until_idle())
    if as_json:
        click.echo(json.dumps({"polls": [r.to_json() for r in reports]}, indent=2))
        return
    for report in reports:
        if report.error:
            paused = " (paused)" if report.paused else ""
            click.echo(f"{report.source_id}  error{paused}: {report.error}")
        else:
            click.echo(
                f"{report.source_id}  {len(report.new_stories)} new, "
                f"{len(report.new_versions)} updated, {report.unchanged} unchanged, "
                f"{len(report.rejected)} rejected"
                + ("  (not modified)" if report.not_modified else "")
            )


@feeds.command("resume")
@click.argument("feed_id")
@store_options
def feeds_resume(feed_id: str, data_dir: Path | None, database_url: str | None) -> None:
    """Unpause a feed that was paused after repeated failures."""
    from polywire.services.feeds import FeedService

    with open_wire(settings_from(data_dir, database_url)) as wire:
        feed_id = resolve(wire, "feed", feed_id)
        FeedService(wire).resume(None, feed_id)
    click.echo(f"{feed_id} resumed")


def _duration(text: str) -> float:
    match = _DURATION.match(text)
    if match is None:
        raise BadInput("--every", f"{text!r} is not a duration such as 30s, 5m or 1h")
    return float(match[1]) * _SECONDS[match[2] or "s"]
