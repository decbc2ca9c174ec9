"""Subscribers and their destinations: what a new subscriber may ask for, checked and normalised.

A subscriber names its languages and, optionally, sectors, IPTC Media Topics, countries and
keywords (an empty list means "any"); each destination pairs a channel with a format the channel
can carry. Webhook destinations get a `whsec_` signing secret (Standard Webhooks); every
subscriber gets a token for its own feeds and live stream, shown once.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterable
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, ValidationError

from polywire.domain import BadInput, Subscriber
from polywire.publish import vocabulary

#: The formats each channel can carry; the first is the default.
CHANNEL_FORMATS: dict[str, tuple[str, ...]] = {
    "webhook": ("ninjs2", "ninjs3", "json", "text"),
    "email": ("email", "text"),
    "feed": ("rss", "atom", "jsonfeed"),
    "stream": ("json", "ninjs2", "ninjs3"),
}
#: Channels the wire pushes to, one delivery job per destination; feeds and streams are pulled.
PUSH_CHANNELS = ("webhook", "email")
_ALL_FORMATS = {name for formats in CHANNEL_FORMATS.values() for name in formats}

SubscriberKind = Literal["outlet", "journalist", "desktop"]


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


def parse_spec(data: object, *, source: str = "subscriber") -> SubscriberSpec:
    """A checked and normalised subscriber; `BadInput` naming the field and the problem."""
    try:
        spec = SubscriberSpec.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or source
        raise BadInput(f"{source}.{where}", first["msg"]) from None
    return normalise(spec)


def normalise(spec: SubscriberSpec) -> SubscriberSpec:
    return SubscriberSpec(
        name=spec.name.strip(),
        kind=spec.kind,
        languages=_unique(
            vocabulary.language_tag(v, source=f"languages.{i}")
            for i, v in enumerate(spec.languages)
        ),
        sectors=_unique(" ".join(v.split()) for v in spec.sectors if v.strip()),
        topics=_unique(
            vocabulary.topic_code(v, source=f"topics.{i}") for i, v in enumerate(spec.topics)
        ),
        regions=_unique(
            vocabulary.region_code(v, source=f"regions.{i}") for i, v in enumerate(spec.regions)
        ),
        keywords=_unique(
            vocabulary.keyword_key(v, source=f"keywords.{i}") for i, v in enumerate(spec.keywords)
        ),
        destinations=[_destination(i, d) for i, d in enumerate(spec.destinations)],
    )


def filter_rows(spec: SubscriberSpec) -> list[tuple[str, str]]:
    """The (facet, value) rows of the targeting index for `spec`; `*` where it asked for any."""
    rows = [("language", v.lower()) for v in spec.languages]
    for facet, values in (
        ("sector", [vocabulary.sector_key(v) for v in spec.sectors]),
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


def _destination(index: int, spec: DestinationSpec) -> DestinationSpec:
    source = f"destinations.{index}"
    formats = CHANNEL_FORMATS.get(spec.channel)
    if formats is None:
        raise BadInput(
            f"{source}.channel",
            f"unknown channel {spec.channel!r} (one of {', '.join(CHANNEL_FORMATS)})",
        )
    chosen = spec.format or formats[0]
    if chosen not in formats:
        raise BadInput(
            f"{source}.format",
            f"a {spec.channel} destination carries {', '.join(formats)}, not {chosen!r}",
        )
    address = spec.address.strip()
    if spec.channel == "webhook":
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BadInput(f"{source}.address", f"{address!r} is not an http(s) URL")
    elif spec.channel == "email":
        local, _, domain = address.rpartition("@")
        if not local or "." not in domain or any(c.isspace() for c in address):
            raise BadInput(f"{source}.address", f"{address!r} is not an e-mail address")
    elif address:
        raise BadInput(f"{source}.address", f"a {spec.channel} destination takes no address")
    return DestinationSpec(channel=spec.channel, format=chosen, address=address)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def parse_destination(value: str) -> DestinationSpec:
    """`CHANNEL[:FORMAT][:ADDRESS]` from the command line, e.g. `webhook:ninjs3:https://x/hook`,
    `email:ed@example.org`, `feed:rss`, `stream`."""
    channel, _, rest = value.partition(":")
    head, _, tail = rest.partition(":")
    if head in _ALL_FORMATS:
        return DestinationSpec(channel=channel, format=head, address=tail)
    return DestinationSpec(channel=channel, address=rest)


def subscriber_json(
    subscriber: Subscriber, *, token: str | None = None, secrets_shown: bool = False
) -> dict[str, Any]:
    """A subscriber as the CLI and the API show it; secrets only when asked (and at creation)."""
    document: dict[str, Any] = {
        "id": subscriber.id,
        "name": subscriber.name,
        "kind": subscriber.kind,
        "languages": subscriber.languages,
        "sectors": subscriber.sectors,
        "topics": subscriber.topics,
        "regions": subscriber.regions,
        "keywords": subscriber.keywords,
        "destinations": [
            {
                "id": d.id,
                "channel": d.channel,
                "format": d.format,
                "address": d.address,
                "enabled": d.enabled,
                **({"secret": d.secret} if secrets_shown and d.secret else {}),
            }
            for d in subscriber.destinations
        ],
    }
    if token is not None:
        document["token"] = token
    return document
