"""What every push channel implements: hand one composed release to one destination, once.

A channel makes one attempt and says how it went; retries, records and disabling are the
deliver stage's business, the same for every channel.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime

from polywire.compose import Composed
from polywire.domain import Destination


@dataclass(frozen=True)
class Outgoing:
    """One attempt: which delivery (its id is the receiver's idempotency key), to where, what."""

    delivery_id: str
    destination: Destination
    composed: Composed
    event_type: str  # story.released | story.updated | story.corrected | story.withdrawn
    attempt: int
    sent_at: datetime
    secrets: tuple[str, ...] = ()  # signing secrets, current first (webhooks)


@dataclass(frozen=True)
class Outcome:
    """How one attempt went."""

    delivered: bool
    latency_ms: float
    response_code: int | None = None
    error: str | None = None
    retry: bool = True  # worth another attempt on the schedule
    retry_after: float | None = None  # seconds the receiver asked us to wait
    disable: str | None = None  # the destination must be disabled, for this reason


class Channel(ABC):
    name: str

    @abstractmethod
    async def send(self, outgoing: Outgoing) -> Outcome:
        """Make one attempt. Never raises for a failed attempt: the outcome says what failed."""
