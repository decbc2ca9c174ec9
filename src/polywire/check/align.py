"""Paragraph alignment of a source and its translation.

A dynamic programme over beads (one-to-one, one-to-none, none-to-one, two-to-one, one-to-two), as
in Gale and Church (1993), scored by how far the length ratio of a bead is from the document's,
and by how many language-independent anchors (numbers, weekdays and months, Latin-script names
and acronyms) the two sides share. A paragraph the translation leaves out, or one it adds, becomes
a one-to-none or none-to-one bead. Hand-written: the sentence aligners on PyPI align sentences
with embeddings, and a paragraph aligner needs none.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from polywire.check.calendar_names import MONTH, find_calendar
from polywire.check.checks.quotes import quoted_passages
from polywire.check.numbers import available_values, find_numbers

_SKIP = 3.0
_MERGE = 3.5
#: Cost of one number, date or acronym on one side of a bead that the other side lacks.
_STRONG = 1.0
_STRONG_CAP = 4.0
#: Cost of one capitalised Latin-script word that the other side lacks, and their cap.
_WEAK = 0.2
_WEAK_CAP = 1.0
_LATIN_WORD = re.compile(r"\b[A-Z][A-Za-z0-9]+\b")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]*[A-Z][A-Z0-9]*\b")


@dataclass(frozen=True)
class Bead:
    """Source paragraphs (0-based) aligned with translation paragraphs; one side may be empty."""

    source: tuple[int, ...]
    target: tuple[int, ...]


@dataclass(frozen=True)
class Anchors:
    """What a paragraph says that survives translation into any language: numbers, dates and
    acronyms (strong), capitalised Latin-script words (weak: German capitalises every noun).

    Numbers are compared leniently (`values` holds every reading, month numbers included, since
    `3月` is March), so only a number one side really lacks counts."""

    numbers: frozenset[Decimal]
    values: frozenset[Decimal]
    strong: frozenset[str]
    weak: frozenset[str]

    def __or__(self, other: Anchors) -> Anchors:
        return Anchors(
            self.numbers | other.numbers,
            self.values | other.values,
            self.strong | other.strong,
            self.weak | other.weak,
        )

    def distance(self, other: Anchors) -> float:
        unmatched = len(self.numbers - other.values) + len(other.numbers - self.values)
        unmatched += len(self.strong ^ other.strong)
        weak = _WEAK * len(self.weak ^ other.weak)
        return min(_STRONG * unmatched, _STRONG_CAP) + min(weak, _WEAK_CAP)


def anchors(paragraph: str, language: str) -> Anchors:
    numbers = {min(m.values) for m in find_numbers(paragraph, language)}
    calendar = find_calendar(paragraph, language)
    months = {Decimal(m.index) for m in calendar if m.kind == MONTH}
    values = available_values(paragraph, language) | months
    strong = {f"{m.kind}:{m.index}" for m in calendar}
    strong |= {f"a:{a}" for a in _ACRONYM.findall(paragraph)}
    strong |= {f"q:{n}" for n in range(1, quoted_passages(paragraph) + 1)}
    weak = {w.lower() for w in _LATIN_WORD.findall(paragraph) if w.isascii()}
    return Anchors(frozenset(numbers), frozenset(values), frozenset(strong), frozenset(weak))


def align(
    source: Sequence[str],
    target: Sequence[str],
    source_language: str,
    target_language: str,
    ratio: float | None = None,
    merge: float = _MERGE,
) -> list[Bead]:
    """The cheapest sequence of beads covering both lists in order.

    `ratio` is the target's length per source character that a bead should have; by default the
    lists' own, which fits a whole story but not the sentences of one paragraph: a paragraph that
    lost a sentence has a lower ratio of its own, so the sentence left would look merged into its
    neighbour's counterpart. Sentences are aligned with the language pair's typical ratio.
    `merge` is what a two-to-one or one-to-two bead costs beyond its length and anchors:
    translations merge and split sentences far more often than paragraphs."""
    source_anchors = [anchors(p, source_language) for p in source]
    target_anchors = [anchors(p, target_language) for p in target]
    source_length = sum(len(p) for p in source) or 1
    per_char = ratio if ratio is not None else (sum(len(p) for p in target) or 1) / source_length

    def cost(s: range, t: range) -> float:
        s_len = sum(len(source[i]) for i in s)
        t_len = sum(len(target[j]) for j in t)
        sigma = 0.25 + 2 / math.sqrt(s_len + 1)
        length = math.log((t_len + 1) / (s_len * per_char + 1)) ** 2 / (2 * sigma**2)
        a = functools.reduce(operator.or_, (source_anchors[i] for i in s))
        b = functools.reduce(operator.or_, (target_anchors[j] for j in t))
        return length + a.distance(b)

    n, m = len(source), len(target)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    moves = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == math.inf:
                continue
            for di, dj in moves:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                if di + dj > 2:
                    step = cost(range(i, ni), range(j, nj)) + merge
                elif di and dj:
                    # two paragraphs side by side are a pair, however unlike: a translation
                    # with a paragraph replaced is reported by the checks, not as two gaps
                    step = min(cost(range(i, ni), range(j, nj)), 2 * _SKIP - 0.5)
                else:
                    step = _SKIP
                if best[i][j] + step < best[ni][nj]:
                    best[ni][nj] = best[i][j] + step
                    back[ni][nj] = (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads
