"""`polywire classify FILE`: the Media Topics, sectors, regions and urgency of a story file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from polywire.classify.classifier import Classifier, StoryText
from polywire.classify.result import Classification
from polywire.cli._common import settings_from, store_options
from polywire.domain import BadInput
from polywire.ingest import extract


class _ClassifyGroup(click.Group):
    """`polywire classify FILE` runs the `file` command; other words name a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["file", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_ClassifyGroup)
def classify() -> None:
    """Classify a story FILE (`polywire classify FILE [--json]`), or correct a story's tags."""


@classify.command("file")
@click.argument("file")
@click.option("--language", default=None, help="BCP 47 language of the story (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
def classify_file(
    file: str,
    language: str | None,
    as_json: bool,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Print the Media Topics, sectors, regions and urgency of FILE (text, HTML or ninjs)."""
    settings = settings_from(data_dir, database_url)
    data, source = _read(file)
    extraction = extract(data, source=source, language=language)
    classifier = Classifier(settings.classify)
    result = classifier.classify(StoryText.from_extraction(extraction))
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        _print(result)


def _read(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    file = Path(path)
    if not file.is_file():
        raise BadInput(path, "no such file")
    return file.read_bytes(), path


def _print(result: Classification) -> None:
    document: dict[str, Any] = result.to_json()
    click.echo("topics:")
    for topic in document["topics"]:
        words = ", ".join(topic["evidence"])
        click.echo(f"  {topic['code']}  {topic['label']}  {topic['confidence']:.2f}  ({words})")
    if not document["topics"]:
        click.echo("  (none: no topic words found)")
    click.echo(f"sectors: {', '.join(document['sectors']) or '(none)'}")
    regions = [f"{r['code']} {r['name']} ({', '.join(r['evidence'])})" for r in document["regions"]]
    click.echo(f"regions: {'; '.join(regions) or '(none)'}")
    click.echo(f"urgency: {document['urgency']}")


commands: list[click.Command] = [classify]
