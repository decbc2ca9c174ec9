"""No module but `polywire.language_tags` reads a language tag by hand (issue 15): splitting a tag
on `-` or `_`, parsing it with Babel, or telling Chinese scripts apart. A grep over `src/`, like
the import-linter contract for layers."""

from __future__ import annotations

import re
from pathlib import Path

import polywire

SOURCE = Path(polywire.__file__).resolve().parent
READER = SOURCE / "language_tags.py"
#: Lines that read a tag by hand: Babel's parsers, hanzidentifier, a tag split or respelt.
BY_HAND = re.compile(
    r"Locale\.parse\(|parse_locale\(|(?:import|from) hanzidentifier"
    r"|(?:language|tag|lang)\w*(?:\.\w+\([^()]*\))*\.(?:split|rsplit|partition|rpartition|replace)"
    r"\(\s*[\"'][-_][\"']"
)


def _by_hand() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        if path == READER:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        hits = [f"{n}: {line.strip()}" for n, line in enumerate(lines, 1) if BY_HAND.search(line)]
        if hits:
            found[path.relative_to(SOURCE).as_posix()] = hits
    return found


def test_only_language_tags_reads_a_tag() -> None:
    assert _by_hand() == {}


def test_the_grep_sees_what_it_looks_for() -> None:
    for line in (
        'language.split("-")[0].lower()',
        "tag.replace('_', '-').split('-')",
        'Locale.parse(language, sep="-")',
        "import hanzidentifier",
        'pair.target_language.split("-")[0]',
    ):
        assert BY_HAND.search(line), line
    assert not BY_HAND.search('mode.split("-")')
