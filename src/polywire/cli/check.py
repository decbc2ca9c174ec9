"""`polywire check SOURCE TRANSLATION`: the fidelity report of a translation against its source."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from polywire.check import Report


@click.command("check")
@click.argument("source", type=click.Path(allow_dash=True))
@click.argument("translation", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--source-language", default=None, help="BCP 47 tag (default: detected).")
@click.option("--target-language", default=None, help="BCP 47 tag (default: detected).")
def check(
    source: str,
    translation: str,
    as_json: bool,
    source_language: str | None,
    target_language: str | None,
) -> None:
    """Check that TRANSLATION says what SOURCE says (files as `polywire extract` reads them).

    Prints the verdict (pass or review) and every finding: a missing or added paragraph, a
    changed number, weekday or month, a lost name, acronym or quotation, text left untranslated,
    the wrong script, a paragraph far too long or short."""
    from polywire.check import check_translation
    from polywire.check.documents import text_from_file
    from polywire.config import load_settings
    from polywire.language_tags import language_tag

    settings = load_settings().check
    if source_language is not None:
        source_language = language_tag(source_language, source="--source-language")
    if target_language is not None:
        target_language = language_tag(target_language, source="--target-language")
    report = check_translation(
        text_from_file(source, source_language),
        text_from_file(translation, target_language),
        settings,
    )
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print(report)


def _print(report: Report) -> None:
    majors = sum(f.severity == "major" for f in report.findings)
    alignment = "aligned" if report.aligned else "not aligned"
    click.echo(
        f"{report.verdict.value}: {len(report.findings)} findings ({majors} major), "
        f"{report.source_language} → {report.target_language}, {alignment}"
    )
    for finding in report.findings:
        where = "headline" if finding.paragraph == 0 else f"¶{finding.paragraph}"
        click.echo(
            f"  {where:<8} {finding.check:<12} {finding.severity.value:<5}  {finding.message}"
        )
        if finding.source:
            click.echo(f"           source: {finding.source}")
        if finding.target:
            click.echo(f"           target: {finding.target}")
