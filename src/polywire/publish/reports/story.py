"""The delivery report of a story: per version, language and channel, how many destinations were
targeted, how many got it, how many are still being tried, how many failed, and how long after
the release the first and the last delivery arrived."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from polywire.store.deliveries import Listed


@dataclass
class Line:
    version: int
    language: str
    channel: str
    targeted: int = 0
    delivered: int = 0
    pending: int = 0
    failed: int = 0
    first_seconds: float | None = None
    last_seconds: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "language": self.language,
            "channel": self.channel,
            "targeted": self.targeted,
            "delivered": self.delivered,
            "pending": self.pending,
            "failed": self.failed,
            "release_to_first_delivery_seconds": self.first_seconds,
            "release_to_last_delivery_seconds": self.last_seconds,
        }


def story_lines(found: Iterable[Listed]) -> list[Line]:
    """The report's lines of a story's deliveries, by version, language and channel."""
    lines: dict[tuple[int, str, str], Line] = {}
    for listed in found:
        delivery = listed.delivery
        key = (delivery.version, delivery.language, listed.channel)
        line = lines.setdefault(key, Line(*key))
        line.targeted += 1
        if delivery.status == "delivered" and delivery.delivered is not None:
            line.delivered += 1
            seconds = max(0.0, (delivery.delivered - listed.released).total_seconds())
            if line.first_seconds is None or seconds < line.first_seconds:
                line.first_seconds = seconds
            if line.last_seconds is None or seconds > line.last_seconds:
                line.last_seconds = seconds
        elif delivery.status == "failed":
            line.failed += 1
        else:
            line.pending += 1
    return [lines[k] for k in sorted(lines)]
