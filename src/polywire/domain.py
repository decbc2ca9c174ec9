"""The shared vocabulary of the wire: plain data, no I/O.

Field names and meanings follow IPTC ninjs (uri, version, versioncreated, language, headlines,
bodies, located, by, subjects, pubstatus, embargoed) so that the ninjs formatter is a mapping, not
a translation of concepts.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class PolywireError(Exception):
    """Base of every error the wire reports to a user (CLI exit code 2, HTTP 4xx)."""


class BadInput(PolywireError):
    """Input that cannot become a story. The message names the input and the problem."""

    def __init__(self, source: str, problem: str, *, status: int = 422) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
        self.status = status


class NotFound(PolywireError):
    """A story, version, rendition or subscriber that does not exist."""


class Pubstatus(enum.StrEnum):
    """ninjs `pubstatus`."""

    USABLE = "usable"
    WITHHELD = "withheld"
    CANCELED = "canceled"


class StoryState(enum.StrEnum):
    """Where the latest version of a story is on its path."""

    RECEIVED = "received"
    PROCESSING = "processing"
    RELEASED = "released"
    HELD = "held"
    WITHDRAWN = "withdrawn"
    FAILED = "failed"
    #: Never stored: what lists show for a story a language of whose latest version waits for an
    #: editor, whatever else of it went out (`polywire.store.stories.shown_state`).
    NEEDS_REVIEW = "needs_review"

    @classmethod
    def parse(cls, value: str, *, source: str = "state") -> StoryState:
        """`needs-review` or `needs_review` → `NEEDS_REVIEW`; anything else is bad input."""
        try:
            return cls(value.strip().lower().replace("-", "_"))
        except ValueError:
            known = ", ".join(state.value.replace("_", "-") for state in cls)
            raise BadInput(source, f"unknown state {value!r} (one of: {known})") from None


class RenditionState(enum.StrEnum):
    """Where one language of one version is on its path."""

    PENDING = "pending"
    TRANSLATING = "translating"
    CHECKED = "checked"
    NEEDS_REVIEW = "needs_review"
    RELEASED = "released"
    UNSUPPORTED = "unsupported"
    FAILED = "failed"


@dataclass(frozen=True)
class Dateline:
    """`MOSCOW (AP) —`: the place and the source that opened the first paragraph."""

    place: str | None
    source: str | None


@dataclass
class Extraction:
    """A clean story draft made from any input; the `polywire extract --json` contract."""

    headline: str
    language: str
    body: list[str]
    date: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    credit: str | None = None
    captions: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "language": self.language,
            "date": self.date,
            "dateline": (
                {"place": self.dateline.place, "source": self.dateline.source}
                if self.dateline
                else None
            ),
            "byline": self.byline,
            "credit": self.credit,
            "captions": list(self.captions),
            "body": list(self.body),
            "sectors": list(self.sectors),
            "notices": list(self.notices),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        dateline = data.get("dateline")
        return cls(
            headline=data["headline"],
            language=data["language"],
            body=list(data["body"]),
            date=data.get("date"),
            dateline=Dateline(dateline.get("place"), dateline.get("source")) if dateline else None,
            byline=data.get("byline"),
            credit=data.get("credit"),
            captions=list(data.get("captions") or []),
            sectors=list(data.get("sectors") or []),
            notices=list(data.get("notices") or []),
        )


@dataclass(frozen=True)
class Subject:
    """A ninjs subject: an IPTC Media Topic, a sector or another controlled term."""

    code: str
    name: str
    scheme: str = "medtop"
    creator: str = "machine"
    relevance: int | None = None
    confidence: int | None = None


@dataclass(frozen=True)
class Place:
    """A ninjs place: a country the story is about (ISO 3166-1 alpha-2)."""

    code: str
    name: str


@dataclass
class Story:
    """One story across all its versions and languages. `uri` never changes."""

    id: str
    uri: str
    publisher: str
    source_language: str
    state: StoryState
    created: datetime
    latest_version: int


@dataclass
class Version:
    """One version of a story in its source language. A new version keeps the uri, +1 version."""

    story_id: str
    version: int
    versioncreated: datetime
    language: str
    headline: str
    body: list[str]
    pubstatus: Pubstatus = Pubstatus.USABLE
    located: str | None = None
    by: str | None = None
    dateline_source: str | None = None
    credit: str | None = None
    captions: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    urgency: int | None = None
    embargoed: datetime | None = None
    target_languages: list[str] = field(default_factory=list)
    correction_reason: str | None = None
    content_hash: str = ""


@dataclass
class Rendition:
    """One language of one version: the source itself or a translation of it."""

    story_id: str
    version: int
    language: str
    state: RenditionState
    headline: str = ""
    body: list[str] = field(default_factory=list)
    is_source: bool = False
    engine: str | None = None
    model: str | None = None
    check: dict[str, Any] | None = None
    error: str | None = None
    updated: datetime | None = None


@dataclass
class Destination:
    """Where and how one subscriber receives renditions: a channel and a format."""

    id: str
    subscriber_id: str
    channel: str
    format: str
    address: str
    secret: str | None = None
    enabled: bool = True
    removed: datetime | None = None  # when it was removed from its subscriber


@dataclass
class Subscriber:
    """An outlet, a journalist or a desktop, and what it asked for."""

    id: str
    name: str
    kind: str
    languages: list[str]
    sectors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    destinations: list[Destination] = field(default_factory=list)


@dataclass
class Delivery:
    """One attempt to hand one rendition to one destination."""

    id: str
    destination_id: str
    story_id: str
    version: int
    language: str
    status: str
    attempts: int
    created: datetime
    event_seq: int | None = None
    response_code: int | None = None
    latency_ms: float | None = None
    error: str | None = None
    delivered: datetime | None = None


@dataclass(frozen=True)
class Event:
    """An entry of the append-only event log. `seq` increases strictly with every append."""

    seq: int
    type: str
    story_id: str
    version: int
    language: str | None
    created: datetime
    payload: dict[str, Any]
