"""Decode input bytes, tell text from HTML from ninjs, and extract a story draft.

A baseline: plain text takes its first line as the headline and blank-line separated paragraphs as
the body; HTML goes through trafilatura. The scraped-text cleaner replaces the text path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import py3langid
import trafilatura
from charset_normalizer import from_bytes

from polywire.domain import BadInput, Extraction

MAX_INPUT_BYTES = 20 * 1024 * 1024


def extract_path(path: str) -> Extraction:
    """Extract the file at `path` (`-` reads standard input)."""
    if path == "-":
        return extract(sys.stdin.buffer.read(), source="<stdin>")
    file = Path(path)
    if not file.is_file():
        raise BadInput(path, "no such file")
    return extract(file.read_bytes(), source=path)


def extract(data: bytes, *, source: str, language: str | None = None) -> Extraction:
    """Extract a story draft from raw bytes; `source` names the input in error messages."""
    text = _decode(data, source)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        extraction = _from_ninjs(stripped, source)
    elif stripped[:1] == "<":
        extraction = _from_html(text, source)
    else:
        extraction = _from_text(text, source)
    if language:
        extraction.language = language
    return extraction


def _decode(data: bytes, source: str) -> str:
    if len(data) > MAX_INPUT_BYTES:
        raise BadInput(
            source, f"input is {len(data)} bytes, more than {MAX_INPUT_BYTES}", status=413
        )
    if not data.strip():
        raise BadInput(source, "input is empty")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(source, "input is binary, not text, HTML or ninjs")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise BadInput(source, "cannot tell the text encoding of the input") from None
        return str(best)


def _detect_language(text: str) -> str:
    language, _ = py3langid.classify(text)
    return str(language)


def _from_text(text: str, source: str) -> Extraction:
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        raise BadInput(source, "no story found: a headline and at least one paragraph are needed")
    headline = lines[0]
    body = [block for block in blocks if block]
    if body and body[0].startswith(headline):
        body[0] = body[0][len(headline) :].strip()
        if not body[0]:
            body.pop(0)
    if not body:
        raise BadInput(source, "no story found: the text has a headline but no body")
    return Extraction(headline=headline, language=_detect_language(" ".join(body)), body=body)


def _from_html(html: str, source: str) -> Extraction:
    document = trafilatura.bare_extraction(html, with_metadata=True, as_dict=False)
    if isinstance(document, dict) or document is None or not document.text:
        raise BadInput(source, "no article found in the HTML page")
    body = [" ".join(p.split()) for p in str(document.text).split("\n") if p.strip()]
    headline = str(document.title or body[0])
    if body and body[0] == headline and len(body) > 1:
        body.pop(0)
    return Extraction(
        headline=headline,
        language=_detect_language(" ".join(body)),
        body=body,
        date=document.date,
        byline=document.author,
    )


def _from_ninjs(text: str, source: str) -> Extraction:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(source, f"invalid JSON: {error}") from None
    if not isinstance(document, dict):
        raise BadInput(source, "a ninjs document must be a JSON object")
    headline = _ninjs_text(document, "headline", "headlines")
    body_text = _ninjs_text(document, "body_text", "bodies")
    if not headline or not body_text:
        raise BadInput(source, "ninjs document has no headline or no body")
    body = [" ".join(p.split()) for p in body_text.split("\n") if p.strip()]
    language = document.get("language") or _detect_language(body_text)
    return Extraction(headline=headline, language=str(language), body=body)


def _ninjs_text(document: dict[str, object], v1_field: str, v2_field: str) -> str:
    value = document.get(v2_field)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return str(value[0].get("value") or "")
    return str(document.get(v1_field) or "")
