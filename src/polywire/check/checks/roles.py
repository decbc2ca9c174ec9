"""Two named parties of a source sentence keep their places in the translation: `Braun sued
Borchetta` is not `Borchetta sued Braun`.

For each source sentence, the names it has that the translation writes exactly once, as written,
are looked up in the translation; two of them in one translated sentence in the opposite order
were swapped. A name followed by a possessive (`Apple's Tim Cook`, which a translation writes
`Tim Cook de Apple`) or joined to the other by `and`/`or` (`Braun and Borchetta`, an order a
translation may change) is not judged. In another script only names the translation writes in
the source's letters are judged (`Braunは Borchettaを`): transliterated ones cannot be placed.
"""

from __future__ import annotations

import itertools
import re

from polywire.check.checks.sentences import sentences
from polywire.check.model import Issue, Pair, Severity
from polywire.check.names import Span, names
from polywire.check.settings import CheckSettings
from polywire.check.text import excerpt

_POSSESSIVE = re.compile(r"['’]s?\b")
_LISTED = re.compile(r"^\W*(?:,|and|or|&|y|et|e|ou|o|und|oder)\W*$", re.IGNORECASE)


def check_roles(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source_sentences = sentences(pair.source, pair.source_language)
    target_bounds = _bounds(pair.target, sentences(pair.target, pair.target_language))
    issues = []
    offset = 0
    for sentence in source_sentences:
        start = pair.source.find(sentence, offset)
        offset = max(offset, start + len(sentence))
        parties = [
            n
            for n in dict.fromkeys(s.text for s in names(sentence, pair.source_language))
            if pair.target.count(n) == 1
            and sentence.count(n) == 1
            and not _POSSESSIVE.match(sentence, sentence.index(n) + len(n))
        ]
        for a, b in itertools.combinations(parties, 2):
            if a in b or b in a:
                continue
            between = sentence[sentence.index(a) + len(a) : sentence.index(b)]
            if _LISTED.match(between) or sentence.index(a) > sentence.index(b):
                continue
            at_a, at_b = pair.target.index(a), pair.target.index(b)
            if at_a > at_b and _sentence_of(at_a, target_bounds) == _sentence_of(
                at_b, target_bounds
            ):
                at = start + sentence.index(a) if start >= 0 else -1
                issues.append(_issue(pair, Span(a, at, at + len(a)), b, at_b))
    return issues


def _issue(pair: Pair, first: Span, b: str, at: int) -> Issue:
    """`first` is the first party where the source has it, `at` where the translation has the
    other one instead."""
    a = first.text
    return Issue(
        "roles",
        Severity.MAJOR,
        excerpt(pair.source, max(0, first.start), max(0, first.end)),
        excerpt(pair.target, at, at + len(b)),
        f"The source has {a} before {b} in one sentence; the translation has them the other way "
        "round: who did what to whom may be swapped.",
        source_span=(first.start, first.end) if first.start >= 0 else None,
        target_span=(at, at + len(b)),
    )


def _bounds(text: str, parts: list[str]) -> list[int]:
    ends, offset = [], 0
    for part in parts:
        offset = text.find(part, offset) + len(part)
        ends.append(offset)
    return ends


def _sentence_of(position: int, ends: list[int]) -> int:
    return next((i for i, end in enumerate(ends) if position < end), len(ends))
