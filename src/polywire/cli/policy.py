"""`polywire review policy show|set|unset`: a publisher's review policy from a terminal — which
translations are released when their check passes and which wait for an editor — against a
running wire's API (`--api URL`, with `POLYWIRE_API_TOKEN`) or the embedded store (through
`polywire.services.PolicyService`, as the API's route)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import click

from polywire.cli._common import F, api_option, remote, settings_from, store_options
from polywire.config import Settings
from polywire.settings.review import ENGINES, Policy, Rule, parse_engine, parse_language
from polywire.store.db import Database

if TYPE_CHECKING:
    from polywire.publish.editorial.policy_service import PolicyView
    from polywire.services.policy import PolicyService


@click.group()
def policy() -> None:
    """Which translations go out when their check passes, and which wait for an editor."""


def _options(command: F) -> F:
    command = click.option(
        "--publisher", default=None, help="Whose policy (default: the default publisher's)."
    )(command)
    command = click.option("--json", "as_json", is_flag=True, help="Print JSON.")(command)
    command = api_option(command)
    return store_options(command)


def _which_options(command: F) -> F:
    command = click.option(
        "--engine",
        default="*",
        show_default=True,
        help=f"The engine the rule is for: {', '.join(ENGINES)}, or * for any.",
    )(command)
    return click.option(
        "--language", "-l", default="*", show_default=True, help="BCP 47 language, or * for any."
    )(command)


@policy.command("show")
@_options
def show(
    publisher: str | None,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Show a publisher's review policy: its own rules and the wire's."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    if settings.api_url:
        document = remote(settings, "GET", _path(publisher))
    else:
        document = _on_store(settings, lambda service: service.show(None, publisher))
    _print(document, as_json)


@policy.command("set")
@click.argument("name", metavar="POLICY", type=click.Choice([p.value for p in Policy]))
@_which_options
@_options
def set_policy(
    name: str,
    language: str,
    engine: str,
    publisher: str | None,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Set POLICY for a publisher's translations into a language by an engine: auto (released
    when the check passes), hold-on-findings (held on any finding) or review (every machine
    translation waits for an editor)."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    rule = Rule.parse(policy=name, language=language, engine=engine)
    if settings.api_url:
        current = remote(settings, "GET", _path(publisher))
        rules = [
            *current["rules"],
            {"language": rule.language, "engine": rule.engine, "policy": name},
        ]
        document = remote(settings, "PUT", _path(publisher), json={"rules": rules})
    else:
        document = _on_store(settings, lambda service: service.set_rule(None, rule, publisher))
    _print(document, as_json)


@policy.command("unset")
@_which_options
@_options
def unset(
    language: str,
    engine: str,
    publisher: str | None,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Remove a publisher's rule for a language and an engine: the wire's rules apply again."""
    settings = settings_from(data_dir, database_url, api_url=api_url)
    language, engine = parse_language(language), parse_engine(engine)
    if settings.api_url:
        current = remote(settings, "GET", _path(publisher))
        rules = [r for r in current["rules"] if (r["language"], r["engine"]) != (language, engine)]
        document = remote(settings, "PUT", _path(publisher), json={"rules": rules})
    else:
        document = _on_store(
            settings, lambda service: service.unset_rule(None, language, engine, publisher)
        )
    _print(document, as_json)


def _path(publisher: str | None) -> str:
    return "/v1/review-policy" + (f"?{urlencode({'publisher': publisher})}" if publisher else "")


@dataclass(frozen=True)
class _Embedded:
    """The embedded store and the settings: all the policy service uses of a wire."""

    settings: Settings
    database: Database


def _on_store(settings: Settings, action: Callable[[PolicyService], PolicyView]) -> dict[str, Any]:
    """Run `action` on the embedded store as its operator (no jobs to run: no wire needed)."""
    from polywire.services.policy import PolicyService
    from polywire.store.migrate import upgrade

    database = Database(settings.resolved_database_url)
    try:
        upgrade(database)
        return action(PolicyService(_Embedded(settings, database))).to_json()
    finally:
        database.dispose()


def _print(document: dict[str, Any], as_json: bool) -> None:
    """The policy as JSON (what the API answers), or one line per rule, the publisher's first."""
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    click.echo(f"review policy of {document['publisher']}:")
    own = [(rule, "publisher") for rule in document["rules"]]
    wire = [(rule, "wire") for rule in document["wire_rules"]]
    for rule, source in [*own, *wire]:
        click.echo(f"  {rule['language']:<8} {rule['engine']:<12} {rule['policy']:<17} ({source})")
    click.echo(f"  {'*':<8} {'*':<12} {document['default']:<17} (wire default)")
