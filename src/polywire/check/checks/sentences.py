"""Every sentence of a source paragraph has its counterpart in the translated paragraph.

The sentences of the two paragraphs (sentencex, Wikimedia's segmenter) are aligned with the
paragraph aligner (`align`: length ratio and anchors, one-to-one, one-to-two and two-to-one
beads, so a sentence split or two merged are no gap); a source sentence aligned with nothing was
dropped, which is major: a fact without a number or a name is lost as surely as one with them.
Only a translated paragraph with no more sentences than its source is aligned (the alignment
reads every sentence's anchors, which costs), and a sentence aligned with nothing is reported only
when the paragraph is shorter than the language pair makes it by half that sentence at least:
sentences segmented otherwise on the two sides (`…rat...La plaga`) leave no gap in length.
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


def check_sentences(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source = sentences(pair.source, pair.source_language)
    if len(source) < 2:
        return []
    target = sentences(pair.target, pair.target_language)
    if len(target) > len(source):
        return []  # more sentences: none dropped, or one split as another was (not judged)
    candidates = [sentence for sentence in source if len(sentence.split()) >= _MIN_WORDS]
    if not any(_short_by(pair, sentence) for sentence in candidates):
        return []  # as long as a whole translation: nothing to align (aligning costs)
    issues = []
    for bead in align.align(source, target, pair.source_language, pair.target_language):
        if bead.target or len(source[bead.source[0]].split()) < _MIN_WORDS:
            continue
        sentence = source[bead.source[0]]
        if not _short_by(pair, sentence):
            continue  # the paragraph is as long as a whole translation: segmented otherwise
        start = pair.source.find(sentence)
        issues.append(
            Issue(
                "sentences",
                Severity.MAJOR,
                excerpt(pair.source, max(0, start), max(0, start) + len(sentence)),
                excerpt(pair.target),
                f"The sentence “{excerpt(sentence)}” of the source has no counterpart in the "
                f"{language_name(pair.target_language)} paragraph.",
                source_span=(start, start + len(sentence)) if start >= 0 else None,
            )
        )
    return issues


def _short_by(pair: Pair, sentence: str) -> bool:
    """Whether the translated paragraph is shorter than its source, as the language pair runs,
    by half the dropped sentence at least (always, for a pair without typical lengths)."""
    expected = TYPICAL_LENGTH.get(base_language(pair.target_language))
    per_source = TYPICAL_LENGTH.get(base_language(pair.source_language))
    if expected is None or per_source is None:
        return True
    ratio = expected / per_source
    missing = letters(pair.source) * ratio - letters(pair.target)
    return missing >= _SHORT_BY * letters(sentence) * ratio


def sentences(paragraph: str, language: str) -> list[str]:
    found = [s.strip() for s in segment(base_language(language), " ".join(paragraph.split()))]
    return [s for s in found if s]
