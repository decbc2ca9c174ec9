"""Subscribers and their destinations: what a new subscriber may ask for, and what an edit may
change, checked and normalised.

A subscriber names its languages and, optionally, sectors, IPTC Media Topics, countries and
keywords (an empty list means "any"); each destination pairs a channel with a format the channel
can carry. Webhook destinations get a `whsec_` signing secret (Standard Webhooks); every
subscriber gets a token for its own feeds and live stream, shown once. The spec itself, the
targeting index's rows and the secrets are `polywire.subscriptions`, which the store shares.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from polywire.domain import BadInput, Subscriber
from polywire.language_tags import language_tag
from polywire.publish import vocabulary
from polywire.subscriptions import DestinationSpec, SubscriberEdit, SubscriberSpec

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

_Model = TypeVar("_Model", bound=BaseModel)


#: Each list a subscriber asks for, normalised the way the targeting index compares it.
_WANTS: dict[str, Callable[[list[str]], list[str]]] = {
    "languages": lambda values: _unique(
        language_tag(v, source=f"languages.{i}") for i, v in enumerate(values)
    ),
    "sectors": lambda values: _unique(" ".join(v.split()) for v in values if v.strip()),
    "topics": lambda values: _unique(
        vocabulary.topic_code(v, source=f"topics.{i}") for i, v in enumerate(values)
    ),
    "regions": lambda values: _unique(
        vocabulary.region_code(v, source=f"regions.{i}") for i, v in enumerate(values)
    ),
    "keywords": lambda values: _unique(
        vocabulary.keyword_key(v, source=f"keywords.{i}") for i, v in enumerate(values)
    ),
}


def parse_spec(data: object, *, source: str = "subscriber") -> SubscriberSpec:
    """A checked and normalised subscriber; `BadInput` naming the field and the problem."""
    return normalise(_validated(SubscriberSpec, data, source))


def normalise(spec: SubscriberSpec) -> SubscriberSpec:
    return SubscriberSpec(
        name=spec.name.strip(),
        kind=spec.kind,
        **{field: wanted(getattr(spec, field)) for field, wanted in _WANTS.items()},
        destinations=[_destination(i, d) for i, d in enumerate(spec.destinations)],
    )


def parse_edit(data: object, *, source: str = "edit") -> SubscriberEdit:
    """A checked and normalised edit; `BadInput` naming the field and the problem, also when it
    changes nothing."""
    edit = _validated(SubscriberEdit, data, source)
    changes_nothing = (
        not edit.add_destinations
        and not edit.remove_destinations
        and all(getattr(edit, field) is None for field in ("name", "kind", *_WANTS))
    )
    if changes_nothing:
        fields = ", ".join(SubscriberEdit.model_fields)
        raise BadInput(source, f"nothing to change: give at least one of {fields}")
    normalised: dict[str, object] = {
        field: wanted(values)
        for field, wanted in _WANTS.items()
        if (values := getattr(edit, field)) is not None
    }
    if edit.name is not None:
        normalised["name"] = edit.name.strip()
        if not normalised["name"]:
            raise BadInput("name", "the name is empty")
    normalised["add_destinations"] = [
        _destination(i, d, source="add_destinations") for i, d in enumerate(edit.add_destinations)
    ]
    normalised["remove_destinations"] = _unique(
        _destination_id(i, value) for i, value in enumerate(edit.remove_destinations)
    )
    return edit.model_copy(update=normalised)


def _validated(model: type[_Model], data: object, source: str) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or source
        raise BadInput(f"{source}.{where}", first["msg"]) from None


def _destination(
    index: int, spec: DestinationSpec, *, source: str = "destinations"
) -> DestinationSpec:
    source = f"{source}.{index}"
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


def _destination_id(index: int, value: str) -> str:
    found = value.strip()
    if not found:
        raise BadInput(f"remove_destinations.{index}", "the destination id is empty")
    return found


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
    subscriber: Subscriber,
    *,
    token: str | None = None,
    secrets_shown: bool = False,
    secrets_of: Collection[str] = (),
) -> dict[str, Any]:
    """A subscriber as the CLI and the API show it; secrets only when asked: all of them at
    creation, those of the destinations in `secrets_of` when an edit added them."""
    document: dict[str, Any] = {
        "id": subscriber.id,
        "name": subscriber.name,
        "kind": subscriber.kind,
        "languages": subscriber.languages,
        "sectors": subscriber.sectors,
        "topics": subscriber.topics,
        "regions": subscriber.regions,
        "keywords": subscriber.keywords,
        "paused": subscriber.paused is not None,
        "destinations": [
            {
                "id": d.id,
                "channel": d.channel,
                "format": d.format,
                "address": d.address,
                "enabled": d.enabled,
                **(
                    {"secret": d.secret}
                    if d.secret and (secrets_shown or d.id in secrets_of)
                    else {}
                ),
            }
            for d in subscriber.destinations
        ],
    }
    if token is not None:
        document["token"] = token
    return document
