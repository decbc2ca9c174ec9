"""The subheadline: the line a release prints under its headline (PR Newswire's and Business
Wire's deck, a page's `<h2>` or `p.subtitle`, ninjs' headline of role `sub`).

Where a source marks one, its reader takes it (`polywire.ingest.html`, `.ninjs`); in plain text it
is the short line between the headline and the dateline's paragraph, when it is in italics, or
in sentence case under a title-cased headline, or a sentence (`polywire.ingest.scraped`). A
sender may also give one (the API's `subheadline`, the desk's form): `given_subheadline` checks
it as a headline is checked.
"""

from __future__ import annotations

import re

from polywire.domain import BadInput
from polywire.ingest.datelines import find_dateline
from polywire.ingest.measure import normalise, weight
from polywire.surrogates import require_text

#: A subheadline is one line: this many characters at most (the longest of PR Newswire's and
#: Business Wire's run to about 250) …
MAX_SUBHEADLINE_CHARS = 400
#: … and, when found in text, between these many words (a longer line is the lede).
_MIN_WORDS, _MAX_WORDS = 3, 45
#: A line in italics, as text marks them (`*…*`, `_…_`; not bold's doubled marks) …
_ITALIC_LINE = re.compile(r"^\s*([*_])(?!\1)(?=\S)(.+?)(?<=\S)\1\s*$")
#: … looked for among the first lines of a text only: a subheadline opens the release.
_ITALIC_SEARCH = 100


def given_subheadline(text: str | None, source: str = "subheadline") -> str | None:
    """`text` as a sender gave it, normalised (None when empty); `BadInput` naming `source` for
    a lone surrogate or a line longer than `MAX_SUBHEADLINE_CHARS`."""
    if text is None:
        return None
    line = normalise(require_text(text, source))
    if len(line) > MAX_SUBHEADLINE_CHARS:
        raise BadInput(source, f"{len(line)} characters, more than {MAX_SUBHEADLINE_CHARS}")
    return line or None


def italic_lines(text: str) -> frozenset[str]:
    """The first lines of `text` printed wholly in italics, as `polywire.ingest.text.units`
    gives them (without the marks, which it drops)."""
    found = (_ITALIC_LINE.match(line) for line in text.splitlines()[:_ITALIC_SEARCH])
    return frozenset(normalise(match[2]) for match in found if match)


def is_subheadline(line: str) -> bool:
    """A line that can stand under a headline: short, one line, opening no dateline."""
    words = weight(line)
    return (
        _MIN_WORDS <= words <= _MAX_WORDS
        and len(line) <= MAX_SUBHEADLINE_CHARS
        and "\n" not in line
        and find_dateline(line) is None
    )
