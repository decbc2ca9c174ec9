"""Two named parties of a source sentence keep their places in the translation: `Braun sued
Borchetta` is not `Borchetta sued Braun`.

For each source sentence, the names it has that the translation writes exactly once, as written,
are looked up in the translation; two of them in one translated sentence in the opposite order
were swapped. A name followed by a possessive (`Apple's Tim Cook`, which a translation writes
`Tim Cook de Apple`) or joined to the other by `and`/`or` (`Braun and Borchetta`, an order a
translation may change) is not judged. In another script, names the translation writes in the
source's letters are judged so (`Braunは Borchettaを`); transliterated ones are placed by
`transliterated.where` (`ブラウン`, `ボーチェッタ`), and judged only where the source writes
`A verb B` (one to three lower-case words between them): there the agent comes first in every
language the check transliterates for, SOV ones too (`ブラウンはボーチェッタを訴えた`).
"""

from __future__ import annotations

import itertools
import re

from polywire.check.checks.sentences import sentences
from polywire.check.model import Issue, Pair, Severity
from polywire.check.names import Span, names
from polywire.check.text import excerpt
from polywire.check.transliterated import where
from polywire.settings.check import CheckSettings

_POSSESSIVE = re.compile(r"['’]s?\b")
_LISTED = re.compile(r"^\W*(?:,|and|or|&|y|et|e|ou|o|und|oder)\W*$", re.IGNORECASE)
#: What stands between two parties whose transliterations are judged: `A sued B`, `A met B`.
_VERB_BETWEEN = re.compile(r"\s+(?:[a-z]+\s+){1,3}")


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
        issues += _transliterated_swaps(pair, sentence, start, target_bounds)
    return issues


def _transliterated_swaps(pair: Pair, sentence: str, start: int, bounds: list[int]) -> list[Issue]:
    """Two people around a verb (`A sued B`) that the translation transliterates, each once,
    in one sentence, the other way round."""
    issues = []
    spans = names(sentence, pair.source_language)
    for a, b in itertools.combinations(spans, 2):
        between = sentence[a.end : b.start]
        if not _VERB_BETWEEN.fullmatch(between) or _LISTED.match(between):
            continue
        at_a, at_b = where(a, pair), where(b, pair)
        if len(at_a) != 1 or len(at_b) != 1 or at_a[0].start < at_b[0].start:
            continue
        if _sentence_of(at_a[0].start, bounds) == _sentence_of(at_b[0].start, bounds):
            first = Span(a.text, start + a.start, start + a.end) if start >= 0 else a
            issues.append(_issue(pair, first, at_b[0].text, at_b[0].start))
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
