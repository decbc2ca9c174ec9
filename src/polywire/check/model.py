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
class Issue:
    """What one check found in one pair of aligned paragraphs."""

    check: str
    severity: Severity
    source: str
    target: str
    message: str


@dataclass(frozen=True)
class Finding:
    """An issue placed in the story: `paragraph` is 1-based (0 is the headline)."""

    paragraph: int
    check: str
    severity: Severity
    source: str
    target: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "check": self.check,
            "severity": self.severity.value,
            "source": self.source,
            "target": self.target,
            "message": self.message,
        }

    @classmethod
    def at(cls, paragraph: int, issue: Issue) -> Finding:
        return cls(
            paragraph, issue.check, issue.severity, issue.source, issue.target, issue.message
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
    whole translation for checks that need what the rest of it says."""

    source: str
    target: str
    source_language: str
    target_language: str
    target_document: str = ""
