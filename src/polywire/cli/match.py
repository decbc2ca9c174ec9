"""`polywire match A B`: is one story a translation or rewrite of the other, in any languages?"""

from __future__ import annotations

import json

import click


@click.command("match")
@click.argument("a", type=click.Path(allow_dash=True))
@click.argument("b", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def match(a: str, b: str, as_json: bool) -> None:
    """Tell whether story files A and B (as `polywire extract` reads them) are the same story.

    The evidence is what survives translation: numbers, weekdays and months, names and
    acronyms, paragraph structure."""
    from polywire.check.documents import text_from_file
    from polywire.match.same_story import match_stories

    result = match_stories(text_from_file(a), text_from_file(b))
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    verdict = "same story" if result.same_story else "different stories"
    click.echo(f"{verdict} (score {result.score:.2f})")
    for line in result.evidence:
        click.echo(f"  {line}")
