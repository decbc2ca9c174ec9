"""`polywire classify FILE`: the Media Topics, sectors, regions and urgency of a story file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from polywire.cli._common import open_wire, settings_from, store_options
from polywire.cli._ids import resolve
from polywire.domain import BadInput, PolywireError

if TYPE_CHECKING:
    from polywire.classify.classifier import Classifier
    from polywire.classify.result import Classification
    from polywire.config import Settings


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
@click.argument("file", type=click.Path(allow_dash=True))
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
    from polywire.classify.classifier import Classifier, StoryText
    from polywire.ingest import extract

    settings = settings_from(data_dir, database_url)
    data, source = _read(file)
    extraction = extract(data, source=source, language=language)
    classifier = Classifier(settings.classify)
    _learn_from_store(classifier, settings)
    result = classifier.classify(StoryText.from_extraction(extraction))
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        _print(result)


@classify.command("correct")
@click.argument("story_id")
@click.option("--topic", "topics", multiple=True, help="A Media Topic code (repeatable).")
@click.option("--region", "regions", multiple=True, help="An ISO 3166 country code (repeatable).")
@click.option("--urgency", type=click.IntRange(1, 9), default=None, help="ninjs urgency 1-9.")
@click.option("--version", "number", type=int, default=None, help="Default: the latest version.")
@click.option("--editor", default=None, help="Who corrects (kept with the correction).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
def correct(
    story_id: str,
    topics: tuple[str, ...],
    regions: tuple[str, ...],
    urgency: int | None,
    number: int | None,
    editor: str | None,
    as_json: bool,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Correct the topics, regions or urgency of story STORY_ID; the model learns from it."""
    if not topics and not regions and urgency is None:
        raise BadInput("correct", "give at least one --topic, --region or --urgency")
    from polywire.classify.service import ClassificationService, Correction

    settings = settings_from(data_dir, database_url)
    with open_wire(settings) as wire:
        story_id = resolve(wire, "story", story_id)
        service = ClassificationService(wire.database, settings.classify)
        document = service.correct(
            story_id,
            number,
            Correction(
                topics=list(topics) or None,
                regions=list(regions) or None,
                urgency=urgency,
                editor=editor,
            ),
        )
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    click.echo(f"story {story_id} v{document['version']} corrected")
    _print(_as_classification(document))
    click.echo(f"learned from {document['learned_from']} corrections")


def _learn_from_store(classifier: Classifier, settings: Settings) -> None:
    """Corrections stored in the wire's store count here too, when there is a store."""
    url = settings.resolved_database_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return
    from sqlalchemy.exc import SQLAlchemyError

    from polywire.store.db import Database
    from polywire.store.migrate import upgrade

    database = Database(url)
    try:
        upgrade(database)
        with database.read() as conn:
            classifier.memory.refresh(conn)
    except SQLAlchemyError as error:
        problem = str(error).splitlines()[0]
        raise PolywireError(
            f"{database.url}: cannot read editors' corrections: {problem}"
        ) from None
    finally:
        database.dispose()


def _read(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    file = Path(path)
    if not file.is_file():
        raise BadInput(path, "no such file")
    return file.read_bytes(), path


def _as_classification(document: dict[str, Any]) -> dict[str, Any]:
    return {key: document[key] for key in ("topics", "sectors", "regions", "urgency")}


def _print(result: Classification | dict[str, Any]) -> None:
    document: dict[str, Any] = result if isinstance(result, dict) else result.to_json()
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
    if document.get("learned_from"):
        click.echo(f"learned from {document['learned_from']} editor corrections")
