"""`polywire models install SOURCE`, `polywire models list`: CTranslate2 and Argos models in the
model directory (`translate.model_dir`, default `<data_dir>/models`)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from polywire.cli._common import settings_from, store_options
from polywire.translate.catalog import FAMILIES, InstalledModel, installed


@click.group()
def models() -> None:
    """Translation models for the ctranslate2 engine."""


def _json(model: InstalledModel) -> dict[str, object]:
    return {
        "name": model.name,
        "family": model.family,
        "pairs": [list(p) for p in model.pairs],
        "licence": model.licence,
        "commercial_use": model.commercial_use,
        "path": str(model.path),
    }


@models.command()
@click.argument("source", type=click.Path())
@click.option("--name", default=None, help="Folder name under the model directory.")
@click.option("--family", type=click.Choice(FAMILIES[:-1]), default=None, help="Model family.")
@click.option("--pair", default=None, help="SOURCE-TARGET for a one-pair model (e.g. en-es).")
@click.option("--languages", default=None, help="Languages of a multilingual model: en,es,vi.")
@click.option("--licence", default=None, help="The weights' licence (default: the family's).")
@click.option(
    "--commercial/--non-commercial", "commercial", default=None, help="May be used commercially."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
def install(
    source: str,
    name: str | None,
    family: str | None,
    pair: str | None,
    languages: str | None,
    licence: str | None,
    commercial: bool | None,
    as_json: bool,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Install a CTranslate2 model directory, an .argosmodel file, or an .argosmodel URL."""
    from polywire.translate.models import install as install_model

    settings = settings_from(data_dir, database_url)
    model = install_model(
        source,
        settings.translate.models_path(settings.data_dir),
        name=name,
        family=family,
        pair=pair,
        languages=[x.strip() for x in languages.split(",")] if languages else None,
        licence=licence,
        commercial_use=commercial,
    )
    if as_json:
        click.echo(json.dumps(_json(model), ensure_ascii=False))
        return
    click.echo(f"installed {model.name} ({model.family}, {model.licence}) in {model.path}")
    if not model.commercial_use:
        click.echo(f"polywire: notice: {model.name} is not for commercial use", err=True)


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
def list_models(as_json: bool, data_dir: Path | None, database_url: str | None) -> None:
    """List the installed models, their pairs and licences."""
    settings = settings_from(data_dir, database_url)
    found = installed(settings.translate.models_path(settings.data_dir))
    if as_json:
        click.echo(json.dumps([_json(m) for m in found], ensure_ascii=False, indent=2))
        return
    for model in found:
        pairs = ", ".join(f"{s}→{t}" for s, t in model.pairs[:12])
        more = f" (+{len(model.pairs) - 12})" if len(model.pairs) > 12 else ""
        click.echo(f"{model.name}  {model.family}  {model.licence}  {pairs}{more}")
