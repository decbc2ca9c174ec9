"""`polywire glossary list|set|remove`: a publisher's glossary, against a running wire's API
(`--api URL` or `POLYWIRE_API_URL`) or the embedded store in the data directory (through
`polywire.services.GlossaryService`, as the API's routes)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import click

from polywire.cli._common import api_option, remote, settings_from, store_options
from polywire.config import Settings
from polywire.domain import BadInput
from polywire.glossary import parse_term
from polywire.store.glossary import Term

if TYPE_CHECKING:
    from polywire.services.glossary import GlossaryService

_publisher_option = click.option(
    "--publisher", default=None, help="Whose glossary (default: the wire's default publisher)."
)


@click.group()
def glossary() -> None:
    """Terms a publisher's translations keep as written or render one fixed way."""


def _path(publisher: str | None, term: str | None = None) -> str:
    path = "/v1/glossary" + (f"/{quote(term, safe='')}" if term is not None else "")
    return path + (f"?publisher={quote(publisher, safe='')}" if publisher else "")


@glossary.command("list")
@_publisher_option
@click.option("--json", "as_json", is_flag=True, help="Print the terms as JSON.")
@api_option
@store_options
def list_terms(
    publisher: str | None,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """The glossary's terms: one a line, the term, then `keep` or its renderings."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    if settings.api_url:
        terms: list[dict[str, Any]] = remote(settings, "GET", _path(publisher))["terms"]
    else:
        with _service(settings) as service:
            _, found = service.terms(None, publisher)
        terms = [t.to_json() for t in found]
    if as_json:
        click.echo(json.dumps(terms, ensure_ascii=False, indent=2))
        return
    for term in terms:
        renderings = ", ".join(f"{lang}={text}" for lang, text in term["translations"].items())
        click.echo(f"{term['term']}\t{'keep' if term['keep'] else renderings}")


@glossary.command("set")
@click.argument("term")
@click.option("--keep", is_flag=True, help="Never translate the term.")
@click.option(
    "--to",
    "renderings",
    multiple=True,
    metavar="LANG=TEXT",
    help="How the term reads in LANG (a BCP 47 tag); repeatable.",
)
@_publisher_option
@api_option
@store_options
def set_term(
    term: str,
    keep: bool,
    renderings: tuple[str, ...],
    publisher: str | None,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Add or replace TERM: kept as written (--keep) or rendered per language (--to es=…)."""
    translations: dict[str, str] = {}
    for given in renderings:
        language, equals, text = given.partition("=")
        if not equals:
            raise BadInput(f"--to {given}", "expected LANG=TEXT, such as es=comunicado de prensa")
        translations[language.strip()] = text
    body = {"keep": keep, "translations": translations}
    parsed = parse_term(term, body)
    settings = settings_from(data_dir, database_url, api_url=api_url)
    if settings.api_url:
        remote(settings, "PUT", _path(publisher, parsed.term), json=body)
    else:
        with _service(settings) as service:
            service.set(None, parsed, publisher)
    click.echo(f"glossary: {_described(parsed)}")


@glossary.command("remove")
@click.argument("term")
@_publisher_option
@api_option
@store_options
def remove_term(
    term: str,
    publisher: str | None,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Remove TERM from the glossary."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    name = " ".join(term.split())
    if settings.api_url:
        remote(settings, "DELETE", _path(publisher, name))
    else:
        with _service(settings) as service:
            service.remove(None, name, publisher)
    click.echo(f"glossary: {name} removed")


@contextmanager
def _service(settings: Settings) -> Iterator[GlossaryService]:
    """The glossary service on the embedded store, as its operator."""
    from polywire.services.glossary import GlossaryService
    from polywire.wire import Wire

    wire = Wire(settings)
    try:
        yield GlossaryService(wire)
    finally:
        wire.close()


def _described(term: Term) -> str:
    if term.keep:
        return f"{term.term} is kept as written"
    renderings = ", ".join(f"{lang}: {text}" for lang, text in term.translations.items())
    return f"{term.term} → {renderings}"
