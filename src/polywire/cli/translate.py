"""`polywire translate FILE --to es,pt`, `polywire engines`, `polywire translation-memory`.

`translate` extracts FILE as `polywire extract` does and translates it into each language with
the engines the settings allow; it needs no store and keeps its translation memory in the process.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from polywire.cli._common import settings_from, store_options
from polywire.domain import BadInput, PolywireError

if TYPE_CHECKING:
    from polywire.translate.document import DocumentTranslation


def _read(path: str) -> tuple[bytes, str]:
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    file = Path(path)
    if not file.is_file():
        raise BadInput(path, "no such file")
    return file.read_bytes(), path


def _tag(tag: str, what: str = "--to") -> str:
    from polywire.language_tags import written_language

    return written_language(tag, source=what)


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--to", "targets", required=True, help="Target languages, comma-separated: es,pt.")
@click.option("--language", default=None, help="BCP 47 language of FILE (default: detected).")
@click.option("--engine", default=None, help="Use only this engine (see `polywire engines`).")
@click.option("--publisher", default=None, help="Whose glossary to apply.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: {lang: {headline, body, …}}.")
@store_options
def translate(
    file: str,
    targets: str,
    language: str | None,
    engine: str | None,
    publisher: str | None,
    as_json: bool,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Translate a story FILE (text, HTML or ninjs; - for stdin) into the --to languages.

    A language that cannot be translated is reported on stderr (and as {"error": …} with
    --json); the exit status is then 2."""
    from polywire.ingest import extract
    from polywire.translate.service import translator_for

    settings = settings_from(data_dir, database_url)
    wanted = [t.strip() for t in targets.split(",") if t.strip()]
    if not wanted:
        raise BadInput("--to", "no target language given")
    data, source_name = _read(file)
    extraction = extract(data, source=source_name, language=language)
    source = _tag(extraction.language, f"{source_name} (its language)")
    glossary = settings.translate.glossaries.get(publisher or settings.default_publisher)
    translator = translator_for(settings)
    results: dict[str, dict[str, object]] = {}
    failed: list[str] = []
    for label in wanted:
        try:
            done = translator.translate(
                extraction.headline,
                extraction.body,
                source,
                _tag(label),
                engine=engine,
                glossary=glossary,
                label=label,
            )
        except BadInput:
            raise
        except PolywireError as error:
            failed.append(f"{label}: {error}")
            results[label] = {"error": str(error)}
            continue
        results[label] = done.to_json()
        for notice in done.notices:
            click.echo(f"polywire: notice: {label}: {notice}", err=True)
        if not as_json:
            click.echo(_text(done))
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    for line in failed:
        click.echo(f"polywire: error: {line}", err=True)
    if failed:
        sys.exit(2)


def _text(done: DocumentTranslation) -> str:
    model = f", {done.model}" if done.model else ""
    return "\n\n".join([f"== {done.language} ({done.engine}{model})", done.headline, *done.body])


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
def engines(as_json: bool, data_dir: Path | None, database_url: str | None) -> None:
    """List the engines and the language pairs each can translate right now."""
    from polywire.translate.service import router_for

    settings = settings_from(data_dir, database_url)
    router = router_for(settings)
    listing = [
        {
            "name": engine.name,
            "description": engine.description,
            "pairs": [list(pair) for pair in engine.pairs()],
        }
        for engine in router.engines.values()
    ]
    if as_json:
        click.echo(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    for entry in listing:
        pairs = ", ".join(f"{s}→{t}" for s, t in entry["pairs"]) or "none installed"
        click.echo(f"{entry['name']}: {entry['description']}\n  {pairs}")


@click.command("translation-memory")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
def translation_memory(as_json: bool, data_dir: Path | None, database_url: str | None) -> None:
    """Show the store's translation memory: entries, hits and hit rate."""
    from polywire.store.db import Database
    from polywire.store.migrate import upgrade
    from polywire.translate.sql_memory import memory_stats

    settings = settings_from(data_dir, database_url)
    database = Database(settings.resolved_database_url)
    try:
        upgrade(database)
        with database.read() as conn:
            stats = memory_stats(conn)
    finally:
        database.dispose()
    if as_json:
        click.echo(json.dumps(stats))
        return
    click.echo(
        f"entries: {stats['entries']}  hits: {stats['hits']}  "
        f"hit rate: {100 * stats['hit_rate']:.1f}%"
    )
