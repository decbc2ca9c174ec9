"""What the checks take and what they say: texts, findings and the report.

The checks are engine-agnostic: they judge a translation made by any engine, by a person, or by
another wire, from nothing but the two texts and their languages.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

#: The paragraph number of the headline in findings; body paragraphs count from 1.
HEADLINE = 0


class Severity(enum.StrEnum):
    MAJOR = "major"
    MINOR = "minor"


class Verdict(enum.StrEnum):
    PASS = "pass"
    REVIEW = "review"


@dataclass(frozen=True)
class Text:
    """One side of a check: a language (BCP 47), a headline and the body's paragraphs."""

    language: str
    headline: str
    paragraphs: list[str]


@dataclass(frozen=True)
class TextSpan:
    """The exact words a finding is about: `text[start:end]` of paragraph `paragraph` (1-based,
    0 the headline) of its side (the source's or the translation's numbering)."""

    paragraph: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class Passage:
    """Aligned paragraph(s) of one side, joined by newlines as a check reads them, with their
    numbers, so that a place in the passage is a place in a paragraph."""

    numbers: tuple[int, ...]
    text: str

    def span(self, start: int, end: int) -> TextSpan | None:
        offset = 0
        for number, paragraph in zip(self.numbers, self.text.split("\n"), strict=False):
            if offset <= start <= offset + len(paragraph) and start < end:
                stop = min(end, offset + len(paragraph))
                return TextSpan(number, start - offset, stop - offset, self.text[start:stop])
            offset += len(paragraph) + 1
        return None


@dataclass(frozen=True)
class Issue:
    """What one check found in one pair of aligned paragraphs; the spans are character offsets
    (start, end) in the pair's source and target texts, where the check can point at words."""

    check: str
    severity: Severity
    source: str
    target: str
    message: str
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Finding:
    """An issue placed in the story: `paragraph` is 1-based (0 is the headline)."""

    paragraph: int
    check: str
    severity: Severity
    source: str
    target: str
    message: str
    #: The exact words in the source and in the translation, where the check can point at them.
    source_span: TextSpan | None = None
    target_span: TextSpan | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "check": self.check,
            "severity": self.severity.value,
            "source": self.source,
            "target": self.target,
            "message": self.message,
            "source_span": self.source_span.to_json() if self.source_span else None,
            "target_span": self.target_span.to_json() if self.target_span else None,
        }

    @classmethod
    def at(
        cls,
        paragraph: int,
        issue: Issue,
        source: Passage | None = None,
        target: Passage | None = None,
    ) -> Finding:
        return cls(
            paragraph,
            issue.check,
            issue.severity,
            issue.source,
            issue.target,
            issue.message,
            source.span(*issue.source_span) if source and issue.source_span else None,
            target.span(*issue.target_span) if target and issue.target_span else None,
        )


@dataclass
class Report:
    """The `polywire check --json` contract."""

    source_language: str
    target_language: str
    verdict: Verdict
    aligned: bool
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source_language": self.source_language,
            "target_language": self.target_language,
            "verdict": self.verdict.value,
            "aligned": self.aligned,
            "findings": [finding.to_json() for finding in self.findings],
        }


@dataclass(frozen=True)
class Pair:
    """Two aligned passages: source paragraph(s) and the translation's paragraph(s), with the
    whole translation and the whole source (headline first, a paragraph a line) for checks
    that need what the rest of the story says (a name is a name if the story writes it so)."""

    source: str
    target: str
    source_language: str
    target_language: str
    target_document: str = ""
    source_document: str = ""
