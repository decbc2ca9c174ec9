"""`polywire demo`, `polywire serve`, `polywire worker`, `polywire migrate`: running the wire."""

from __future__ import annotations

import asyncio
import json
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import click

from polywire.cli._common import open_wire, settings_from, store_options

if TYPE_CHECKING:
    from polywire.services.stories import Report
    from polywire.wire import Wire

port_option = click.option("--port", type=int, default=None, help="HTTP port (default 8765).")
host_option = click.option("--host", default=None, help="HTTP address (default 127.0.0.1).")
#: Jobs run in processes of their own, so that their CPU-bound stages never hold the interpreter
#: lock the API's event loop waits for (issue 15); 0 keeps them on that loop (tests, embedding).
workers_option = click.option(
    "--workers",
    "worker_processes",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes that run the jobs beside the API, stopped with it; 0: run them in "
    "the serving process itself.",
)


def load_samples(wire: Wire) -> list[str]:
    """Submit the sample stories shipped with polywire; returns their story ids."""
    from polywire.services import StoryService

    stories = StoryService(wire)
    story_ids = []
    for sample in sorted(files("polywire.samples").iterdir(), key=lambda f: f.name):
        if sample.name.endswith((".txt", ".html")):
            submitted = stories.submit(None, sample.read_bytes(), source=f"sample {sample.name}")
            story_ids.append(submitted.story_id)
    return story_ids


def admin_box(name: str, password: str, desk: str) -> str:
    """The first admin's sign-in, framed so that it stands out from the log lines around it."""
    lines = [
        "First admin of this wire (shown once; keep it now):",
        "",
        f"  sign in at  {desk}",
        f"  user        {name}",
        f"  password    {password}",
    ]
    width = max(len(line) for line in lines)
    rule = "+" + "-" * (width + 2) + "+"
    framed = [f"| {line.ljust(width)} |" for line in lines]
    return "\n".join(["", rule, *framed, rule, ""])


def print_report(report: Report) -> None:
    click.echo(
        f"stories: {report.stories}  versions: {report.versions}  "
        f"languages: {', '.join(report.languages) or '-'}  "
        f"events: {report.events}  deliveries: {report.deliveries}"
    )
    jobs = ", ".join(f"{state} {count}" for state, count in sorted(report.jobs.items()))
    renditions = ", ".join(f"{s} {n}" for s, n in sorted(report.renditions.items()))
    click.echo(f"renditions: {renditions or '-'}  jobs: {jobs or '-'}")


@click.command()
@click.option("--once", is_flag=True, help="Run one full cycle, print a report and exit.")
@click.option("--json", "as_json", is_flag=True, help="With --once: print the report as JSON.")
@workers_option
@host_option
@port_option
@store_options
def demo(
    once: bool,
    as_json: bool,
    worker_processes: int,
    host: str | None,
    port: int | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Run the wire on its embedded default with the sample stories loaded."""
    from polywire.runner import run
    from polywire.services import StoryService, UserService

    settings = settings_from(data_dir, database_url, runs_the_wire=not once, host=host, port=port)
    with open_wire(settings) as wire:
        story_ids = load_samples(wire)
        if once:
            asyncio.run(wire.worker().run_until_idle())
            report = StoryService(wire).report(None)
            if as_json:
                click.echo(json.dumps(report.to_json(), indent=2))
            else:
                print_report(report)
            return
        base = f"http://{settings.host}:{settings.port}"
        first = UserService(wire).add_first_admin(None)
        admin = None if first is None else (first[0].name, first[1])

        def announce() -> None:
            click.echo(f"polywire is running on the embedded store in {settings.data_dir}")
            click.echo(f"  public newsroom     {base}/")
            click.echo(f"  desk (sign in)      {base}/desk")
            click.echo(f"  API documentation   {base}/docs")
            click.echo(f"  stories             {base}/v1/stories")
            if story_ids:
                click.echo(f"  one story           {base}/v1/stories/{story_ids[0]}")
                click.echo(f"  the same, as ninjs  {base}/v1/stories/{story_ids[0]}/ninjs")
            click.echo(f"  report              {base}/v1/report")
            click.echo(f"Submit your own:      polywire submit FILE --api {base}")
            click.echo("Stop with Ctrl+C.")
            if admin is not None:
                click.echo(admin_box(*admin, f"{base}/desk"))

        asyncio.run(run(wire, worker_processes=worker_processes, on_ready=announce))


@click.command()
@click.option("--no-workers", is_flag=True, help="Serve the API only; workers run elsewhere.")
@workers_option
@host_option
@port_option
@store_options
def serve(
    no_workers: bool,
    worker_processes: int,
    host: str | None,
    port: int | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Serve the HTTP API, and run job workers in processes of their own beside it."""
    from polywire.runner import run

    settings = settings_from(data_dir, database_url, runs_the_wire=True, host=host, port=port)
    base = f"http://{settings.host}:{settings.port}"
    with open_wire(settings) as wire:
        asyncio.run(
            run(
                wire,
                run_workers=not no_workers,
                worker_processes=worker_processes,
                on_ready=lambda: click.echo(f"polywire serving on {base} (docs: {base}/docs)"),
            )
        )


@click.command()
@click.option("--until-idle", is_flag=True, help="Exit when no job is due.")
@store_options
def worker(until_idle: bool, data_dir: Path | None, database_url: str | None) -> None:
    """Run job workers only (scale out by starting more of them)."""
    settings = settings_from(data_dir, database_url, runs_the_wire=not until_idle)
    with open_wire(settings) as wire:
        if until_idle:
            ran = asyncio.run(wire.worker().run_until_idle())
            click.echo(f"{ran} jobs run")
        else:
            from polywire.runner import run

            asyncio.run(
                run(
                    wire,
                    serve_api=False,
                    poll_feeds=False,
                    on_ready=lambda: click.echo("polywire worker started"),
                )
            )


@click.command()
@store_options
def migrate(data_dir: Path | None, database_url: str | None) -> None:
    """Bring the store's schema up to date (every command does this on start)."""
    settings = settings_from(data_dir, database_url)
    with open_wire(settings):
        pass
    click.echo(f"store is up to date: {settings.resolved_database_url.split('@')[-1]}")
