"""Lone surrogates: text a Python `str` can hold but UTF-8 cannot encode.

A JSON escape such as `"\\ud800"`, a UTF-16 file cut mid-pair, a multipart form declared in
UTF-7, a feed's `&#xD800;` or an undecodable byte in a command-line argument (Python decodes
argv with `surrogateescape`) all give a `str` with a code point between U+D800 and U+DFFF that
has no partner. Such a string is stored and shown as if it were text, and then every surface
that encodes it (feeds, pages, ninjs, e-mail, webhooks, the live stream) fails with
`UnicodeEncodeError`. The rule of the wire: no lone surrogate gets past a door.

Each door chooses one of two answers, and says why where it calls it:

- refuse (`require_text`, `require_document`): text a person wrote as text, where a surrogate
  is a broken escape they can fix: JSON bodies of the API, command-line options. The error
  names the field (`sectors[0]`), so the caller knows what to correct, and nothing is stored.
- replace with U+FFFD (`clean_text`, `clean_document`): text the wire decoded from bytes (a file,
  a form, a ninjs document, a feed), where a surrogate is an undecodable character like any
  other, and a story must not be lost for one character. A valid pair written as two halves
  becomes the one character it encodes.

The store's JSON columns replace them too (for rows written before this rule), and `utf8`
encodes what reaches a reader with the same replacement, so a surface never fails on one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator

from polywire.domain import BadInput

T = TypeVar("T")

_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogate(text: str) -> bool:
    # Faster than the pattern: ASCII is checked in constant time, the rest by the encoder.
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def clean_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD and each split pair joined."""
    if not has_surrogate(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def utf8(text: str) -> bytes:
    """`text` as UTF-8, a lone surrogate as U+FFFD: for every byte a reader receives."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return clean_text(text).encode("utf-8")


def require_text(text: str, field: str) -> str:
    """`text` unchanged, or `BadInput` (400) naming `field` and where the surrogate is."""
    problem = _problem(text)
    if problem is not None:
        raise BadInput(field, problem, status=400)
    return text


def _refused_in_model(text: str) -> str:
    problem = _problem(text)
    if problem is not None:
        raise ValueError(problem)
    return text


#: A `str` field of a request model that refuses lone surrogates: the API answers 422 naming it.
Text = Annotated[str, AfterValidator(_refused_in_model)]


def require_document(document: object, where: str = "") -> None:
    """Refuse a parsed JSON document holding a lone surrogate in any key or string value;
    `BadInput` names its path (`sectors[0]`, `destinations[1].url`), or `where` for the root."""
    for path, text in _strings(document, where):
        require_text(text, path or "request body")


def clean_document(document: T) -> T:
    """A parsed JSON document with every key and string value cleaned (`clean_text`).

    The document is returned as it is when it holds no surrogate; otherwise a cleaned copy, so
    a caller's own lists and dicts never change under it."""
    if not any(True for _ in _dirty(document)):
        return document
    return _cleaned(document)  # type: ignore[no-any-return]


def _cleaned(document: Any) -> Any:
    """A copy of `document` with its keys and strings cleaned, without recursion (a list or
    tuple becomes a list, as in JSON)."""
    stack: list[tuple[Any, Any]] = []

    def copied(value: Any) -> Any:
        if isinstance(value, str):
            return clean_text(value)
        if isinstance(value, dict | list | tuple):
            copy: dict[Any, Any] | list[Any] = {} if isinstance(value, dict) else []
            stack.append((value, copy))
            return copy
        return value

    root = copied(document)
    while stack:
        source, target = stack.pop()
        if isinstance(source, dict):
            for key, item in source.items():
                target[clean_text(key) if isinstance(key, str) else key] = copied(item)
        else:
            target.extend(copied(item) for item in source)
    return root


def _dirty(document: object) -> Iterator[str]:
    """The keys and strings of `document` that hold a surrogate (a cheap walk: no paths, as
    the store makes it on every JSON value it reads)."""
    stack: list[object] = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if has_surrogate(value):
                yield value
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)


def _strings(document: object, where: str) -> Iterator[tuple[str, str]]:
    """Every key and string of a JSON-like document with its path, depth first, without
    recursion (any depth the parser accepted is walked)."""
    stack: list[tuple[str, object]] = [(where, document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            items = list(value.items())
            for key, item in reversed(items):
                name = f"{path}.{key}" if path else str(key)
                if isinstance(key, str):
                    yield f"{path or 'request body'}: key {clean_text(key)!r}", key
                stack.append((clean_text(name), item))
        elif isinstance(value, list | tuple):
            stack.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value))))


def _problem(text: str) -> str | None:
    """What is wrong with `text`, naming the first lone surrogate and where it is; None if
    nothing is."""
    found = _SURROGATE.search(text) if has_surrogate(text) else None
    if found is None:
        return None
    return (
        f"holds a lone surrogate (\\u{ord(found.group()):04x} at character {found.start() + 1}), "
        "which is not text: send valid UTF-8, and escape characters outside the BMP as "
        "surrogate pairs"
    )
