"""Every sentence of a source paragraph has its counterpart in the translated paragraph.

The sentences of the two paragraphs (sentencex, Wikimedia's segmenter, with a quotation's own
sentences apart: `“It was great! Must see.”` is two) are aligned with the aligner of paragraphs
(`align`: length and anchors, one-to-one, one-to-two and two-to-one beads, so a sentence split or
two merged are no gap), at the length ratio the language pair typically has rather than the
paragraph's own, which a dropped sentence lowers until the sentence left looks like two merged.
A source sentence aligned with nothing was dropped, which is major: a fact without a number or a
name is lost as surely as one with them. It is reported only when the paragraph is shorter than
the language pair makes it by half that sentence at least (sentences segmented otherwise on the
two sides, `…rat...La plaga`, leave no gap in length), and the alignment, which reads every
sentence's anchors, is only run when some sentence could pass that test.
"""

from __future__ import annotations

from sentencex import segment

from polywire.check import align
from polywire.check.checks.length import TYPICAL_LENGTH, letters
from polywire.check.languages import base_language, language_name
from polywire.check.model import Issue, Pair, Severity
from polywire.check.settings import CheckSettings
from polywire.check.text import excerpt

#: The share of a dropped sentence's expected length the paragraph must lack.
_SHORT_BY = 0.5
#: Fewer words are a fragment (a dateline, a credit), not a sentence worth a finding.
_MIN_WORDS = 4
#: The same, in letters, for a sentence of a script written without spaces.
_MIN_LETTERS = 10
#: Quotation marks, which the segmenter reads as one sentence from mark to mark.
_QUOTES = str.maketrans(dict.fromkeys('"“”„‟«»「」『』〝〞＂‹›\n', " "))


def check_sentences(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source_spans = sentence_spans(pair.source, pair.source_language)
    if len(source_spans) < 2:
        return []
    source = [pair.source[start:end] for start, end in source_spans]
    candidates = {i for i, sentence in enumerate(source) if _worth_a_finding(pair, sentence)}
    if not candidates:
        return []  # as long as a whole translation: nothing to align (aligning costs)
    target_spans = sentence_spans(pair.target, pair.target_language)
    target = [pair.target[start:end] for start, end in target_spans]
    beads = align.align(
        source,
        target,
        pair.source_language,
        pair.target_language,
        ratio=typical_ratio(pair),
    )
    issues = []
    for bead in beads:
        if bead.target or bead.source[0] not in candidates:
            continue
        start, end = source_spans[bead.source[0]]
        issues.append(
            Issue(
                "sentences",
                Severity.MAJOR,
                excerpt(pair.source, start, end),
                excerpt(pair.target),
                f"The sentence “{excerpt(source[bead.source[0]])}” of the source has no "
                f"counterpart in the {language_name(pair.target_language)} paragraph.",
                source_span=(start, end),
            )
        )
    return issues


def _worth_a_finding(pair: Pair, sentence: str) -> bool:
    """A sentence, not a fragment, and the paragraph short enough to have lost it."""
    words = sentence.split()
    long_enough = len(words) >= _MIN_WORDS or (
        len(words) == 1 and letters(sentence) >= _MIN_LETTERS
    )
    return long_enough and _short_by(pair, sentence)


def typical_ratio(pair: Pair) -> float | None:
    """Letters of the translation per source letter, as the language pair usually runs."""
    expected = TYPICAL_LENGTH.get(base_language(pair.target_language))
    per_source = TYPICAL_LENGTH.get(base_language(pair.source_language))
    return expected / per_source if expected and per_source else None


def _short_by(pair: Pair, sentence: str) -> bool:
    """Whether the translated paragraph is shorter than its source, as the language pair runs,
    by half the dropped sentence at least (always, for a pair without typical lengths)."""
    ratio = typical_ratio(pair)
    if ratio is None:
        return True
    missing = letters(pair.source) * ratio - letters(pair.target)
    return missing >= _SHORT_BY * letters(sentence) * ratio


def sentence_spans(paragraph: str, language: str) -> list[tuple[int, int]]:
    """Where the sentences of `paragraph` are, (start, end) each, a quotation's own sentences
    apart: the segmenter is given the text with its quotation marks blanked, so that offsets
    stay the text's."""
    blanked = paragraph.translate(_QUOTES)
    spans = []
    offset = 0
    for piece in segment(base_language(language), blanked):
        piece = piece.strip()
        start = blanked.find(piece, offset) if piece else -1
        if start < 0:
            continue
        spans.append((start, start + len(piece)))
        offset = start + len(piece)
    return spans


def sentences(paragraph: str, language: str) -> list[str]:
    found = [s.strip() for s in segment(base_language(language), " ".join(paragraph.split()))]
    return [s for s in found if s]
