"""`polywire doctor [--repair]`: find the stored rows no door would let in now (a language that
is not a BCP 47 tag, a version in another language than its story's, a lone surrogate, a job
stuck past its lease, a delivery of nothing) and, with --repair, repair or quarantine each.

It works on the store itself (the data directory or --database-url), as its operator. Each
finding is one line: where, what is wrong, and what repairing does or did. The exit status is 1
while bad rows are left, 0 when there are none (or all were repaired), so a script can tell.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from polywire.cli._common import settings_from, store_options
from polywire.store.db import Database, wait_until_reachable
from polywire.store.doctor import examine
from polywire.store.migrate import upgrade


@click.command()
@click.option("--repair", is_flag=True, help="Repair each bad row, or quarantine it.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@store_options
def doctor(repair: bool, as_json: bool, data_dir: Path | None, database_url: str | None) -> None:
    """Find bad stored rows and, with --repair, repair or quarantine them (kept in the
    quarantine table, with the problem found)."""
    settings = settings_from(data_dir, database_url)
    database = Database(settings.resolved_database_url)
    try:
        wait_until_reachable(database, settings.database_wait_seconds)
        upgrade(database)
        with database.write() as conn:
            found = examine(conn, repair=repair)
    finally:
        database.dispose()
    if as_json:
        click.echo(json.dumps([f.to_json() for f in found], ensure_ascii=False, indent=2))
    else:
        for finding in found:
            click.echo(finding.line())
        left = sum(1 for f in found if f.done is None)
        if not found:
            click.echo("no bad rows found")
        else:
            click.echo(f"{len(found)} bad rows found, {len(found) - left} repaired")
    if any(f.done is None for f in found):
        sys.exit(1)
