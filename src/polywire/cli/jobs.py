"""`polywire jobs list|show|retry|requeue|discard`: the job queue for an operator, through
`polywire.services.JobService` on the store (as its operator) or a running wire's API (`--api`,
whose token must be an editor's or admin's to see it, an admin's to change it). A job id is a
number the store's keys hold: anything else is refused naming it, before a store or a wire is
asked (a number past 2**63 crashed the SQLite driver)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from polywire.cli._common import api_option, remote, settings_from, store_options
from polywire.config import Settings
from polywire.domain import JOB_STATES

if TYPE_CHECKING:
    from polywire.services.jobs import Job, JobService
    from polywire.store.db import Database

#: The largest id the store's integer keys hold (a signed 64-bit integer).
MAX_JOB_ID = 2**63 - 1


class JobIdType(click.ParamType[int]):
    """A job's id: a whole number from 1 to `MAX_JOB_ID`."""

    name = "job_id"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        text = str(value).strip()
        if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_JOB_ID:
            return int(text)
        self.fail(
            f"{text!r} is not a job id: a number from 1 to {MAX_JOB_ID}, as `polywire jobs list`"
            " shows",
            param,
            ctx,
        )


JOB_ID = JobIdType()


@click.group()
def jobs() -> None:
    """The job queue: list (stuck and dead included), show, retry, requeue, discard."""


@jobs.command("list")
@click.option("--state", type=click.Choice(JOB_STATES), default=None, help="Only these.")
@click.option("--kind", default=None, help="Only jobs of this kind (classify, deliver, ...).")
@click.option("--stuck", is_flag=True, help="Only leased jobs whose lease ran out.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@api_option
@store_options
def list_jobs(
    state: str | None,
    kind: str | None,
    stuck: bool,
    limit: int,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """The newest jobs first."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    if settings.api_url:
        params: dict[str, Any] = {"limit": limit, "stuck": stuck}
        if state:
            params["state"] = state
        if kind:
            params["kind"] = kind
        found: list[dict[str, Any]] = remote(settings, "GET", "/v1/jobs", params=params)
    else:
        with _store(settings) as jobs_on_store:
            rows = jobs_on_store.visible(None, state=state, kind=kind, stuck=stuck, limit=limit)
        now = time.time()
        found = [job.to_json(now) for job in rows]
    if as_json:
        click.echo(json.dumps(found, indent=2))
        return
    if not found:
        click.echo("no job")
    for job in found:
        click.echo(_line(job))


@jobs.command("show")
@click.argument("job_id", type=JOB_ID)
@api_option
@store_options
def show_job(
    job_id: int, api_url: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """One job, as JSON."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    click.echo(json.dumps(_act(settings, job_id, "show"), indent=2))


@jobs.command("retry")
@click.argument("job_id", type=JOB_ID)
@api_option
@store_options
def retry_job(
    job_id: int, api_url: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Give a dead job another round of attempts, due now."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    click.echo(_line(_act(settings, job_id, "retry")))


@jobs.command("requeue")
@click.argument("job_id", type=JOB_ID)
@api_option
@store_options
def requeue_job(
    job_id: int, api_url: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Make a job that waits (a retry's backoff, the job bus) or is stuck due now."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    click.echo(_line(_act(settings, job_id, "requeue")))


@jobs.command("discard")
@click.argument("job_id", type=JOB_ID)
@api_option
@store_options
def discard_job(
    job_id: int, api_url: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Keep a dead job as discarded: no queue runs it again."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    click.echo(_line(_act(settings, job_id, "discard")))


def _act(settings: Settings, job_id: int, action: str) -> dict[str, Any]:
    if settings.api_url:
        if action == "show":
            return dict(remote(settings, "GET", f"/v1/jobs/{job_id}"))
        return dict(remote(settings, "POST", f"/v1/jobs/{job_id}/{action}"))
    with _store(settings) as jobs_on_store:
        actions: dict[str, Callable[[None, int], Job]] = {
            "show": jobs_on_store.get,
            "retry": jobs_on_store.retry,
            "requeue": jobs_on_store.requeue,
            "discard": jobs_on_store.discard,
        }
        job = actions[action](None, job_id)
    return job.to_json(time.time())


@dataclass(frozen=True)
class _Embedded:
    """The embedded store and the settings: all the job service uses of a wire."""

    settings: Settings
    database: Database


@contextmanager
def _store(settings: Settings) -> Iterator[JobService]:
    """The job service on the store of `settings` (its schema brought up to date), closed on
    exit: the command line on the store is the operator, who needs no running wire (loaded
    here, so that `--api` and `--help` load no store)."""
    from polywire.services.jobs import JobService
    from polywire.store.db import Database, wait_until_reachable
    from polywire.store.migrate import upgrade

    database = Database(settings.resolved_database_url)
    try:
        wait_until_reachable(database, settings.database_wait_seconds)
        upgrade(database)
        yield JobService(_Embedded(settings, database))
    finally:
        database.dispose()


def _line(job: dict[str, Any]) -> str:
    state = "stuck" if job["stuck"] else job["state"]
    when = ""
    if job["state"] in ("ready", "relayed"):
        when = f" due {_time(job['run_at'])}"
    elif job["state"] == "leased":
        when = f" by {job['lease_owner']} until {_time(job['lease_until'])}"
    error = f"  {job['last_error']}" if job["last_error"] else ""
    return (
        f"{job['id']:>8}  {job['kind']:<12} {state:<9} attempts {job['attempts']}/"
        f"{job['max_attempts']}{when}  {job['key']}{error}"
    )


def _time(moment: float | None) -> str:
    if moment is None:
        return "-"
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
