"""Every sentence of a source paragraph has its counterpart in the translated paragraph.

The sentences of the two paragraphs (sentencex, Wikimedia's segmenter, with a quotation's own
sentences apart: `“It was great! Must see.”` is two) are aligned with the aligner of paragraphs
(`align`: length and anchors, one-to-one, one-to-two and two-to-one beads, so a sentence split or
two merged are no gap), at the length ratio the language pair typically has rather than the
paragraph's own, which a dropped sentence lowers until the sentence left looks like two merged.
A source sentence aligned with nothing was dropped, which is major: a fact without a number or a
name is lost as surely as one with them. It is reported only when the paragraph is shorter than
the language pair makes it by half that sentence at least (sentences segmented otherwise on the
two sides, `…rat...La plaga`, leave no gap in length). A source sentence whose counterpart is
less than half as long as it should be lost a part of itself (the translation stops at an
abbreviation: `…si Président des EE.UU.`), which is major too when that part is a clause's worth
of letters and the paragraph is short by half of it. The alignment, which reads every sentence's
anchors, is only run when the paragraph is short by half a clause (`_PART_LOST`) at least, which
both findings need: a short sentence dropped from a paragraph otherwise whole (`Well, go on.`)
is not told from the engine's terser wording.
"""

from __future__ import annotations

from sentencex import segment

from polywire.check import align
from polywire.check.checks.length import TYPICAL_LENGTH, letters
from polywire.check.model import Issue, Pair, Severity
from polywire.check.text import excerpt
from polywire.language_tags import base_language, language_name
from polywire.settings.check import CheckSettings

#: The share of a dropped sentence's expected length the paragraph must lack.
_SHORT_BY = 0.5
#: A sentence whose counterpart is shorter than this share of it lost a part of itself
#: (`…si Président des EE.UU.` for a whole sentence), when that part is this many letters at
#: least (a clause; an engine's terser phrase, `se conducen` for `did they drive themselves`,
#: is shorter) and the paragraph is short by half that too.
_PART_LEFT = 0.5
_PART_LOST = 40
#: Fewer words are a fragment (a dateline, a credit), not a sentence worth a finding.
_MIN_WORDS = 4
#: The same, in letters, for a sentence of a script written without spaces.
_MIN_LETTERS = 10
#: Quotation marks, which the segmenter reads as one sentence from mark to mark.
_QUOTES = str.maketrans(dict.fromkeys('"“”„‟«»「」『』〝〞＂‹›\n', " "))


def check_sentences(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source_spans = sentence_spans(pair.source, pair.source_language)
    source = [pair.source[start:end] for start, end in source_spans]
    ratio = typical_ratio(pair)
    missing = _missing(pair, ratio)
    candidates = {
        i
        for i, sentence in enumerate(source)
        if _long_enough(sentence) and missing >= _SHORT_BY * _PART_LOST * (ratio or 1)
    }
    if not candidates:
        return []  # as long as a whole translation: nothing to align (aligning costs)
    target_spans = sentence_spans(pair.target, pair.target_language)
    target = [pair.target[start:end] for start, end in target_spans]
    beads = align.align(source, target, pair.source_language, pair.target_language, ratio=ratio)
    language = language_name(pair.target_language)
    issues = []
    for bead in beads:
        if len(bead.source) != 1 or bead.source[0] not in candidates:
            continue
        start, end = source_spans[bead.source[0]]
        expected = letters(source[bead.source[0]]) * (ratio or 1)
        if not bead.target and missing >= _SHORT_BY * expected and len(source) >= 2:
            message = f"The sentence “{excerpt(source[bead.source[0]])}” of the source has no "
            message += f"counterpart in the {language} paragraph."
        elif bead.target and ratio and _part_lost(target, bead.target, expected, missing):
            message = f"The sentence “{excerpt(source[bead.source[0]])}” of the source is "
            message += f"less than half as long in the {language} paragraph: a part of it is "
            message += "missing."
        else:
            continue
        issues.append(
            Issue(
                "sentences",
                Severity.MAJOR,
                excerpt(pair.source, start, end),
                excerpt(pair.target),
                message,
                source_span=(start, end),
            )
        )
    return issues


def _part_lost(
    target: list[str], indices: tuple[int, ...], expected: float, missing: float
) -> bool:
    """Whether the sentence(s) aligned with one source sentence have lost a part of it: less
    than `_PART_LEFT` of its expected length, `_PART_LOST` letters at least, and the paragraph
    short by half that."""
    lost = expected - sum(letters(target[j]) for j in indices)
    return (
        lost >= (1 - _PART_LEFT) * expected and lost >= _PART_LOST and missing >= _SHORT_BY * lost
    )


def _missing(pair: Pair, ratio: float | None) -> float:
    """Letters the translated paragraph lacks against a whole translation (all, for a pair
    without typical lengths: a sentence aligned with nothing is then judged on alignment)."""
    if ratio is None:
        return float("inf")
    return letters(pair.source) * ratio - letters(pair.target)


def _long_enough(sentence: str) -> bool:
    """A sentence, not a fragment (a dateline, a credit)."""
    words = sentence.split()
    return len(words) >= _MIN_WORDS or (len(words) == 1 and letters(sentence) >= _MIN_LETTERS)


def typical_ratio(pair: Pair) -> float | None:
    """Letters of the translation per source letter, as the language pair usually runs."""
    expected = TYPICAL_LENGTH.get(base_language(pair.target_language))
    per_source = TYPICAL_LENGTH.get(base_language(pair.source_language))
    return expected / per_source if expected and per_source else None


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
