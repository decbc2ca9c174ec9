"""The shared vocabulary of the wire: plain data, no I/O.

Field names and meanings follow IPTC ninjs (uri, version, versioncreated, language, headlines,
bodies, located, by, subjects, pubstatus, embargoed) so that the ninjs formatter is a mapping, not
a translation of concepts.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


class PolywireError(Exception):
    """Base of every error the wire reports to a user (CLI exit code 2, HTTP 4xx).

    Signals between parts (a job's `RetryLater`, a page's `SignInNeeded`, a failed outbound
    request before its caller names it) are no such errors and derive from `Exception`; the
    list is in `tests/architecture/test_public_faces.py`.

    One crosses a process boundary intact (pickled: from the receiving process of
    `polywire.services.intake` to the API's, say), its message and attributes as they were,
    whatever its constructor takes."""

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(
    kind: type[PolywireError], args: tuple[Any, ...], state: dict[str, Any]
) -> PolywireError:
    """An unpickled `PolywireError`: made without calling its constructor again."""
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


class BadInput(PolywireError):
    """Input that cannot become a story. The message names the input and the problem."""

    def __init__(self, source: str, problem: str, *, status: int = 422) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
        self.status = status


def zoned_utc(moment: datetime, source: str) -> datetime:
    """`moment`, which has a time zone, in UTC; BadInput naming `source` when UTC has no such
    time (before the year 1 or after 9999 once the zone is taken off: the store keeps UTC)."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise BadInput(source, f"{moment.isoformat()} is out of range in UTC") from None


class NotFound(PolywireError):
    """A story, version, rendition or subscriber that does not exist."""


class Forbidden(PolywireError):
    """Signed in, but not allowed to see or change this (HTTP 403)."""


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
    #: The date it printed: ISO 8601, `--05-08` when it gave no year.
    date: str | None = None


@dataclass(frozen=True)
class About:
    """The publisher's "About" paragraph: whom it is about and what it says."""

    name: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "text": self.text}


@dataclass(frozen=True)
class Contact:
    """A media contact of a release, as its block printed it (every part may be missing)."""

    name: str | None = None
    role: str | None = None
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "phones": list(self.phones),
            "emails": list(self.emails),
            "sites": list(self.sites),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Contact:
        return cls(
            name=data.get("name"),
            role=data.get("role"),
            phones=tuple(data.get("phones") or ()),
            emails=tuple(data.get("emails") or ()),
            sites=tuple(data.get("sites") or ()),
        )


@dataclass(frozen=True)
class Picture:
    """A picture of the story, by reference: the wire stores its URL, never fetches it."""

    url: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"url": self.url, "caption": self.caption, "credit": self.credit, "alt": self.alt}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Picture:
        return cls(
            url=str(data["url"]),
            caption=data.get("caption"),
            credit=data.get("credit"),
            alt=data.get("alt"),
        )


@dataclass
class Extraction:
    """A clean story draft made from any input; the `polywire extract --json` contract."""

    headline: str
    language: str
    body: list[str]
    #: The line under the headline (a release's deck), when the input printed one.
    subheadline: str | None = None
    date: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    credit: str | None = None
    captions: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    #: The input had no headline: this one was made from its first line or sentence.
    headline_derived: bool = False
    #: The publisher's boilerplate, read out of the notices (which still hold it as printed).
    about: list[About] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "headline_derived": self.headline_derived,
            "subheadline": self.subheadline,
            "language": self.language,
            "date": self.date,
            "dateline": self.dateline_json(),
            "byline": self.byline,
            "credit": self.credit,
            "captions": list(self.captions),
            "body": list(self.body),
            "sectors": list(self.sectors),
            "notices": list(self.notices),
            "about": [about.to_json() for about in self.about],
            "contacts": [contact.to_json() for contact in self.contacts],
            "pictures": [picture.to_json() for picture in self.pictures],
        }

    def dateline_json(self) -> dict[str, str | None] | None:
        """Place and source; and the date when the dateline printed one."""
        if self.dateline is None:
            return None
        found = {"place": self.dateline.place, "source": self.dateline.source}
        return found | ({"date": self.dateline.date} if self.dateline.date else {})

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Extraction:
        dateline = data.get("dateline")
        return cls(
            headline=data["headline"],
            language=data["language"],
            body=list(data["body"]),
            subheadline=data.get("subheadline"),
            date=data.get("date"),
            dateline=(
                Dateline(dateline.get("place"), dateline.get("source"), dateline.get("date"))
                if dateline
                else None
            ),
            byline=data.get("byline"),
            credit=data.get("credit"),
            captions=list(data.get("captions") or []),
            sectors=list(data.get("sectors") or []),
            notices=list(data.get("notices") or []),
            headline_derived=bool(data.get("headline_derived", False)),
            about=[About(a["name"], a["text"]) for a in data.get("about") or []],
            contacts=[Contact.from_json(c) for c in data.get("contacts") or []],
            pictures=[Picture.from_json(p) for p in data.get("pictures") or []],
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


_NOT_SLUG = re.compile(r"[^\w]+", re.UNICODE)


def sector_slug(name: str) -> str:
    """`Energy & Utilities` → `energy-utilities`: the sector's name in a feed's URL, and what two
    spellings of one sector have in common."""
    return _NOT_SLUG.sub("-", name.casefold()).strip("-_")


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
    #: The date the source's dateline printed (ISO 8601, `--12-07` without a year).
    dateline_date: str | None = None
    #: The publisher's boilerplate and pictures, as fields a desk edits and formats carry.
    about: list[About] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    #: The line under the headline, translated and checked as a segment of its own.
    subheadline: str | None = None

    def furniture_texts(self) -> list[str]:
        """What is translated and checked with the body, after it: the subheadline, the About
        texts, then the captions. After the body, so that a finding's paragraph number is the
        body paragraph's whether or not the version has a subheadline."""
        subheadline = [self.subheadline] if self.subheadline else []
        about = [a.text for a in self.about]
        return subheadline + about + [p.caption for p in self.pictures if p.caption]


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
    #: The editor who wrote or changed this translation; `engine` still names the machine that
    #: made the text they started from ("human" when a person wrote all of it).
    edited_by: str | None = None
    #: Carried unchanged into this version from that earlier one (a correction of another
    #: language): already released, never released again.
    carried_from: int | None = None
    #: The version's About texts and picture captions in this language, in their order (a
    #: caption-less picture has None); empty lists when the version has none.
    about: list[str] = field(default_factory=list)
    picture_captions: list[str | None] = field(default_factory=list)
    #: The version's subheadline in this language (None when the version has none).
    subheadline: str | None = None

    def furniture_texts(self) -> list[str]:
        """The subheadline, About texts and captions in this language (`Version.furniture_texts`'
        order)."""
        subheadline = [self.subheadline] if self.subheadline else []
        return [*subheadline, *self.about, *(c for c in self.picture_captions if c)]

    def set_furniture(self, version: Version, texts: list[str]) -> None:
        """Give this rendition `texts`, the translations of `version.furniture_texts()`: each
        segment goes back to the field it came from."""
        if version.subheadline:
            self.subheadline, texts = texts[0], texts[1:]
        else:
            self.subheadline = None
        about, captions = texts[: len(version.about)], iter(texts[len(version.about) :])
        self.about = list(about)
        self.picture_captions = [next(captions) if p.caption else None for p in version.pictures]


def furniture_pair(source: Version | Rendition, target: Rendition) -> tuple[list[str], list[str]]:
    """The About texts and captions of `source` and of its translation `target`, to be read
    paragraph against paragraph; none when the translation lacks them (a translation received
    from another wire carries only its story)."""
    ours, theirs = source.furniture_texts(), target.furniture_texts()
    return (ours, theirs) if len(ours) == len(theirs) else ([], [])


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
    paused: datetime | None = None  # when it was paused; not targeted until resumed


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


# Users, roles and what each role may do.
class Role(enum.StrEnum):
    ADMIN = "admin"  # everything, every publisher; manages users and engines
    EDITOR = "editor"  # reviews and edits translations, approves, holds, releases, withdraws
    PUBLISHER = "publisher"  # submits, reads, releases and withdraws its own stories


#: The states of a job of the queue, as `polywire jobs` and `/v1/jobs` list them by.
JOB_STATES = ("ready", "leased", "relayed", "done", "dead", "discarded")


class Scope(enum.StrEnum):
    READ = "read"  # GET on the API
    WRITE = "write"  # everything else


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: Role
    publisher: str | None
    created: datetime
    email: str | None = None

    def can_see(self, publisher: str) -> bool:
        """Per-publisher separation: a user bound to a publisher sees only its work."""
        return self.publisher is None or self.publisher == publisher

    @property
    def can_edit_translations(self) -> bool:
        return self.role in (Role.ADMIN, Role.EDITOR)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


@dataclass(frozen=True)
class Principal:
    """Who is asking: a signed-in user, or a user acting through one of its API tokens."""

    user: User
    scopes: frozenset[Scope] = field(default_factory=lambda: frozenset(Scope))
    token_id: str | None = None


@dataclass(frozen=True)
class ApiToken:
    id: str
    user_name: str
    name: str
    scopes: list[str]
    created: datetime
    last_used: datetime | None
    revoked: datetime | None
