"""`polywire extract FILE [--json]`: what the wire would make of a text, HTML or ninjs file."""

from __future__ import annotations

import json

import click

from polywire.ingest import extract_path
from polywire.ingest.render import reader_text


@click.command("extract")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the extraction as one JSON object.")
def extract_command(file: str, as_json: bool) -> None:
    """Extract the story in FILE (text, HTML or ninjs; - for stdin) and print it."""
    extraction = extract_path(file)
    if as_json:
        click.echo(json.dumps(extraction.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(reader_text(extraction), nl=False)


commands = [extract_command]
