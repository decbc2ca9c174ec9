"""Check a translation against its source: align, run every check per aligned pair, judge.

The order of work reads in one function, `check_translation`; each step lives in its own module
(`align`, `checks/…`), as trafilatura's `core.py` orchestrates its extractors.
"""

from __future__ import annotations

from polywire.check import calendar_names, names, numbers, story, transliterated
from polywire.check.align import Bead, align
from polywire.check.checks import PAIR_CHECKS
from polywire.check.model import (
    HEADLINE,
    Finding,
    Pair,
    Passage,
    Report,
    Severity,
    Text,
    TextSpan,
    Verdict,
)
from polywire.check.text import excerpt
from polywire.language_tags import language_name, locale_for
from polywire.settings.check import CheckSettings


def check_translation(
    source: Text, translation: Text, settings: CheckSettings | None = None
) -> Report:
    """The fidelity report of `translation` against `source`."""
    settings = settings or CheckSettings()
    locale_for(source.language)
    locale_for(translation.language)
    beads = align(source.paragraphs, translation.paragraphs, source.language, translation.language)
    findings = _unaligned(beads, source, translation)
    for number, pair, passages in _pairs(beads, source, translation):
        for name, check in PAIR_CHECKS.items():
            if name not in settings.disabled:
                findings.extend(
                    Finding.at(number, issue, *passages) for issue in check(pair, settings)
                )
    findings.sort(key=lambda finding: finding.paragraph)
    return Report(
        source_language=source.language,
        target_language=translation.language,
        verdict=verdict(findings, settings),
        aligned=not any(finding.check == "alignment" for finding in findings),
        findings=findings,
    )


def clear_caches() -> None:
    """Forget the paragraphs read so far (their numbers, calendar names and folded forms are
    cached)."""
    calendar_names.clear_cache()
    names.clear_cache()
    numbers.clear_cache()
    story.clear_cache()
    transliterated.clear_cache()


def verdict(findings: list[Finding], settings: CheckSettings) -> Verdict:
    """`review` on any major finding, or on `minor_findings_for_review` minor ones."""
    majors = sum(finding.severity == Severity.MAJOR for finding in findings)
    minors = len(findings) - majors
    if majors or minors >= settings.minor_findings_for_review:
        return Verdict.REVIEW
    return Verdict.PASS


def _pairs(
    beads: list[Bead], source: Text, translation: Text
) -> list[tuple[int, Pair, tuple[Passage, Passage]]]:
    """The aligned pairs the checks read, each with its place in the two texts."""
    document = "\n".join([translation.headline, *translation.paragraphs])
    original = "\n".join([source.headline, *source.paragraphs])

    def pair(a: Passage, b: Passage) -> tuple[int, Pair, tuple[Passage, Passage]]:
        checked = Pair(a.text, b.text, source.language, translation.language, document, original)
        return a.numbers[0], checked, (a, b)

    pairs = []
    if source.headline.strip() and translation.headline.strip():
        pairs.append(
            pair(Passage((HEADLINE,), source.headline), Passage((HEADLINE,), translation.headline))
        )
    for bead in beads:
        if bead.source and bead.target:
            pairs.append(
                pair(
                    _passage(source.paragraphs, bead.source),
                    _passage(translation.paragraphs, bead.target),
                )
            )
    return pairs


def _passage(paragraphs: list[str], indices: tuple[int, ...]) -> Passage:
    return Passage(tuple(i + 1 for i in indices), "\n".join(paragraphs[i] for i in indices))


def _whole(paragraphs: list[str], index: int) -> TextSpan:
    return TextSpan(index + 1, 0, len(paragraphs[index]), paragraphs[index])


def _unaligned(beads: list[Bead], source: Text, translation: Text) -> list[Finding]:
    findings = []
    previous = 0
    language = language_name(translation.language)
    for bead in beads:
        if bead.source and not bead.target:
            index = bead.source[0]
            findings.append(
                Finding(
                    index + 1,
                    "alignment",
                    Severity.MAJOR,
                    excerpt(source.paragraphs[index]),
                    "",
                    f"Paragraph {index + 1} of the source is missing from the {language} "
                    "translation.",
                    source_span=_whole(source.paragraphs, index),
                )
            )
        elif bead.target and not bead.source:
            index = bead.target[0]
            findings.append(
                Finding(
                    previous,
                    "alignment",
                    Severity.MAJOR,
                    "",
                    excerpt(translation.paragraphs[index]),
                    f"Paragraph {index + 1} of the translation has no counterpart in the source "
                    f"(it follows source paragraph {previous}).",
                    target_span=_whole(translation.paragraphs, index),
                )
            )
        if bead.source:
            previous = bead.source[-1] + 1
    return findings
