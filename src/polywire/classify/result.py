"""What classification says about a story: the `polywire classify --json` contract.

Confidences are 0..1 here; ninjs subjects carry them as integers 0..100 (`relevance` and
`confidence`), which `subjects()` converts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from polywire.domain import Place, Subject


@dataclass(frozen=True)
class TopicTag:
    """A Media Topic given to a story, how sure, and the story's words behind it."""

    code: str
    label: str
    confidence: float
    evidence: list[str]
    creator: str = "machine"

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class RegionTag:
    """A country the story is about (ISO 3166-1 alpha-2) and the words that name it."""

    code: str
    name: str
    evidence: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "evidence": list(self.evidence)}


@dataclass
class Classification:
    topics: list[TopicTag]
    sectors: list[str]
    regions: list[RegionTag]
    urgency: int
    learned_from: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "topics": [t.to_json() for t in self.topics],
            "sectors": list(self.sectors),
            "regions": [r.to_json() for r in self.regions],
            "urgency": self.urgency,
            "learned_from": self.learned_from,
        }

    def subjects(self) -> list[Subject]:
        """ninjs subjects: the Media Topics, most relevant first."""
        return [
            Subject(
                code=topic.code,
                name=topic.label,
                scheme="medtop",
                creator=topic.creator,
                relevance=round(topic.confidence * 100),
                confidence=round(topic.confidence * 100),
            )
            for topic in self.topics
        ]

    def places(self) -> list[Place]:
        """ninjs places: the countries, the main one first."""
        return [Place(code=region.code, name=region.name) for region in self.regions]
