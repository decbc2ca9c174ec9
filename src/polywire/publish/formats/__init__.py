"""Formats: one composed release as the bytes a destination receives.

`FORMATTERS` maps a destination's format name to a function of a `Composed`; the per-item formats
live here (ninjs 2.1 and 3.0, polywire JSON, plain text). Feed and e-mail formats belong to their
channels, which render many items or a whole message.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from polywire.compose import Composed
from polywire.publish.formats.document import to_json_document
from polywire.publish.formats.ninjs import ninjs_document
from polywire.publish.formats.text import to_text
from polywire.surrogates import utf8


@dataclass(frozen=True)
class Rendered:
    body: bytes
    content_type: str


def _json(document: object) -> bytes:
    return utf8(json.dumps(document, ensure_ascii=False, separators=(",", ":")))


FORMATTERS: dict[str, Callable[[Composed], Rendered]] = {
    "ninjs2": lambda c: Rendered(_json(ninjs_document(c, "2.1")), "application/json"),
    "ninjs3": lambda c: Rendered(_json(ninjs_document(c, "3.0")), "application/json"),
    "json": lambda c: Rendered(_json(to_json_document(c)), "application/json"),
    "text": lambda c: Rendered(utf8(to_text(c)), "text/plain; charset=utf-8"),
}


def render(format_name: str, composed: Composed) -> Rendered:
    try:
        formatter = FORMATTERS[format_name]
    except KeyError:
        known = ", ".join(FORMATTERS)
        raise ValueError(f"format {format_name!r}: not an item format ({known})") from None
    return formatter(composed)


__all__ = ["FORMATTERS", "Rendered", "render"]
