"""What a subscriber asks for, as the wire keeps it: the subscriber's spec and an edit of it,
the rows of the targeting index, and its secrets (a feed token, kept as a hash; a webhook's
signing secret).

These are the shared piece of the subscriber store (`polywire.store.subscribers`) and the doors
that check what a person typed (`polywire.publish.subscribers`, which normalises a spec's
languages, topics, regions and keywords against the vocabularies): they sit below both, so the
store imports nothing above it.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from polywire.domain import BadInput, Subscriber

SubscriberKind = Literal["outlet", "journalist", "desktop"]
#: The lists a subscriber asks for; an empty one means "any".
WANTED = ("languages", "sectors", "topics", "regions", "keywords")


class DestinationSpec(BaseModel):
    channel: str
    format: str | None = None
    address: str = ""


class SubscriberSpec(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    kind: SubscriberKind = "outlet"
    languages: list[str] = Field(min_length=1)
    sectors: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    destinations: list[DestinationSpec] = Field(min_length=1)


class SubscriberEdit(BaseModel):
    """What an edit changes: a field left out stays as it is; an empty list of sectors, topics,
    regions or keywords means "any". New destinations are added beside the current ones; removed
    ones (by id) are never targeted again but keep their delivery history."""

    model_config = ConfigDict(extra="forbid")  # a misspelt field must not be dropped silently

    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: SubscriberKind | None = None
    languages: list[str] | None = Field(default=None, min_length=1)
    sectors: list[str] | None = None
    topics: list[str] | None = None
    regions: list[str] | None = None
    keywords: list[str] | None = None
    add_destinations: list[DestinationSpec] = Field(default_factory=list)
    remove_destinations: list[str] = Field(default_factory=list)


def edited(subscriber: Subscriber, edit: SubscriberEdit) -> SubscriberSpec:
    """The subscriber as `edit` leaves it (both already normalised): its destinations are the
    current ones it keeps followed by the added ones. `BadInput` when it removes a destination
    the subscriber does not have, or every destination."""
    have = {d.id for d in subscriber.destinations}
    for index, destination_id in enumerate(edit.remove_destinations):
        if destination_id not in have:
            raise BadInput(
                f"remove_destinations.{index}",
                f"{destination_id!r} is not a destination of subscriber {subscriber.id!r}",
            )
    current = [
        DestinationSpec(channel=d.channel, format=d.format, address=d.address)
        for d in subscriber.destinations
        if d.id not in edit.remove_destinations
    ]
    if not current and not edit.add_destinations:
        raise BadInput(
            "remove_destinations",
            "a subscriber keeps at least one destination (remove the subscriber instead)",
        )
    return SubscriberSpec(
        name=subscriber.name if edit.name is None else edit.name,
        kind=subscriber.kind if edit.kind is None else edit.kind,
        **{
            field: getattr(subscriber, field) if (new := getattr(edit, field)) is None else new
            for field in WANTED
        },
        destinations=current + edit.add_destinations,
    )


def filter_rows(spec: SubscriberSpec) -> list[tuple[str, str]]:
    """The (facet, value) rows of the targeting index for `spec`; `*` where it asked for any."""
    rows = [("language", v.lower()) for v in spec.languages]
    for facet, values in (
        ("sector", [sector_key(v) for v in spec.sectors]),
        ("topic", spec.topics),
        ("region", spec.regions),
        ("keyword", spec.keywords),
    ):
        rows += [(facet, v) for v in dict.fromkeys(values)] or [(facet, "*")]
    return rows


def new_webhook_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode("ascii")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def sector_key(value: str, *, source: str = "sector") -> str:
    key = " ".join(value.split()).casefold()
    if not key:
        raise BadInput(source, "empty sector name")
    if len(key) > 200:
        raise BadInput(source, f"sector name longer than 200 characters: {value[:40]!r}…")
    return key
