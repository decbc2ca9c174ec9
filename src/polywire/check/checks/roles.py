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
language the check transliterates for, SOV ones too (`ブラウンはボーチェッタを訴えた`). Those
are judged in the one target sentence that has both, each once there: a surname repeated in
another sentence (`Kovalenko's ministry said`) does not keep the pair from being judged. A
target sentence ends at every ideographic full stop; a word placed for both parties is the
one's that has no other place.
"""

from __future__ import annotations

import itertools
import re

from polywire.check.checks.sentences import sentences
from polywire.check.model import Issue, Pair, Severity
from polywire.check.names import Span, names
from polywire.check.text import excerpt
from polywire.check.transliterated import people, where
from polywire.settings.check import CheckSettings

_POSSESSIVE = re.compile(r"['’]s?\b")
_LISTED = re.compile(r"^\W*(?:,|and|or|&|y|et|e|ou|o|und|oder)\W*$", re.IGNORECASE)
#: What stands between two parties whose transliterations are judged: `A sued B`, `A met B`.
_VERB_BETWEEN = re.compile(r"\s+(?:[a-z]+\s+){1,3}")


def check_roles(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source_sentences = sentences(pair.source, pair.source_language)
    target_bounds = _bounds(pair.target, _sentences(pair.target, pair.target_language))
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
    spans = people(sentence, pair.source_document, pair.source_language)
    for a, b in itertools.combinations(spans, 2):
        between = sentence[a.end : b.start]
        if not _VERB_BETWEEN.fullmatch(between) or _LISTED.match(between):
            continue
        placed = _placed_together(where(a, pair), where(b, pair), bounds)
        if placed is not None and placed[0].start > placed[1].start:
            first = Span(a.text, start + a.start, start + a.end) if start >= 0 else a
            issues.append(_issue(pair, first, placed[1].text, placed[1].start))
    return issues


def _placed_together(
    at_a: list[Span], at_b: list[Span], bounds: list[int]
) -> tuple[Span, Span] | None:
    """The two parties in the one target sentence that has both, each once there (a surname
    repeated in other sentences, `Kovalenko's ministry`, is no matter); None if no sentence or
    several have both. A word placed for both (`贝尔蒙特`: `Belmonte`, and less its last
    character `Bellini`'s skeleton) is the party's that has no other place, else neither's."""
    both = {(s.start, s.end) for s in at_a} & {(s.start, s.end) for s in at_b}
    only_a, only_b = len(at_a) == len(both), len(at_b) == len(both)
    if not (only_a and not only_b):
        at_a = [s for s in at_a if (s.start, s.end) not in both]
    if not (only_b and not only_a):
        at_b = [s for s in at_b if (s.start, s.end) not in both]
    shared = {_sentence_of(s.start, bounds) for s in at_a} & {
        _sentence_of(s.start, bounds) for s in at_b
    }
    if len(shared) != 1:
        return None
    sentence = shared.pop()
    here_a = [s for s in at_a if _sentence_of(s.start, bounds) == sentence]
    here_b = [s for s in at_b if _sentence_of(s.start, bounds) == sentence]
    return (here_a[0], here_b[0]) if len(here_a) == len(here_b) == 1 else None


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


def _sentences(text: str, language: str) -> list[str]:
    """The sentences of a text, split after every ideographic full stop too, which nothing but
    a sentence's end is (the segmenter keeps `破った。29歳の…` whole)."""
    return [
        piece
        for sentence in sentences(text, language)
        for piece in re.split(r"(?<=[。！？])", sentence)
        if piece
    ]


def _bounds(text: str, parts: list[str]) -> list[int]:
    ends, offset = [], 0
    for part in parts:
        offset = text.find(part, offset) + len(part)
        ends.append(offset)
    return ends


def _sentence_of(position: int, ends: list[int]) -> int:
    return next((i for i, end in enumerate(ends) if position < end), len(ends))
