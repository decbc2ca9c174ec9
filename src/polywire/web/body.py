"""Reading a body from a request: a submission (JSON or a multipart file upload) or a JSON
document, never past the limit; a body that cannot be read is a 4xx problem naming it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import Request
from starlette.datastructures import UploadFile

from polywire.domain import BadInput
from polywire.ingest.subheadlines import given_subheadline
from polywire.surrogates import clean_text, require_document
from polywire.web.pages.forms import read_form


@dataclass
class Submission:
    data: bytes
    source: str
    language: str | None = None
    sectors: list[str] = field(default_factory=list)
    languages: list[str] | None = None
    embargoed: datetime | None = None
    correction_reason: str | None = None
    new_story: bool = False
    subheadline: str | None = None


async def read_capped(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BadInput(
            "request body", f"{declared} bytes is more than the limit of {limit}", status=413
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BadInput("request body", f"more than the limit of {limit} bytes", status=413)
        chunks.append(chunk)
    return b"".join(chunks)


async def read_submission(request: Request, limit: int) -> Submission:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        return await _from_form(request, limit)
    raw = await read_capped(request, limit + 64 * 1024)
    if content_type == "application/json":
        return _from_json(raw, limit)
    raise BadInput(
        "request body",
        f"unsupported content type {content_type!r}: send application/json or multipart/form-data",
        status=415,
    )


async def read_json(request: Request, limit: int) -> object:
    """The request's body as a JSON document of at most `limit` bytes, without lone surrogates
    (refused, not replaced: a broken escape its writer can fix)."""
    document = parse_json(await read_capped(request, limit))
    require_document(document)
    return document


def parse_json(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BadInput("request body", f"invalid JSON: {error}", status=400) from None
    except RecursionError:
        raise BadInput("request body", "invalid JSON: nested too deeply", status=400) from None


def _from_json(raw: bytes, limit: int) -> Submission:
    document = parse_json(raw)
    if not isinstance(document, dict):
        raise BadInput("request body", "expected a JSON object", status=400)
    require_document(document)  # refused, not replaced: a broken escape its writer can fix
    content = document.get("content")
    if not isinstance(content, str) or not content.strip():
        raise BadInput("request body", "field 'content' (the story as text or HTML) is required")
    data = content.encode("utf-8")
    if len(data) > limit:
        raise BadInput(
            "content", f"{len(data)} bytes is more than the limit of {limit}", status=413
        )
    return Submission(
        data=data, source=str(document.get("filename") or "content"), **_options(document)
    )


async def _from_form(request: Request, limit: int) -> Submission:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + 64 * 1024:
        raise BadInput("upload", f"{declared} bytes is more than the limit of {limit}", status=413)
    form = await read_form(request, max_part_size=limit + 1)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise BadInput("upload", "form field 'file' with the story file is required")
    source = clean_text(upload.filename or "upload")
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise BadInput(source, f"more than the limit of {limit} bytes", status=413)
    fields: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    fields["sectors"] = [s for s in form.getlist("sectors") if isinstance(s, str) and s]
    languages = [s for s in form.getlist("languages") if isinstance(s, str) and s]
    fields["languages"] = languages or None
    return Submission(data=data, source=source, **_options(fields))


def _names(fields: dict[str, Any], name: str, what: str) -> list[str] | None:
    """A list of names, given as a JSON list, repeated form fields or one comma-separated field."""
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        value = [s.strip() for s in value.split(",") if s.strip()]
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise BadInput(name, f"expected a list of {what}")
    if len(value) == 1 and "," in value[0]:
        value = [s.strip() for s in value[0].split(",") if s.strip()]
    return value


def _options(fields: dict[str, Any]) -> dict[str, Any]:
    sectors = _names(fields, "sectors", "sector names") or []
    languages = _names(fields, "languages", "BCP 47 language tags")
    embargoed = None
    if fields.get("embargoed"):
        try:
            embargoed = datetime.fromisoformat(str(fields["embargoed"]).replace("Z", "+00:00"))
        except ValueError:
            raise BadInput(
                "embargoed", f"not an ISO 8601 date-time: {fields['embargoed']!r}"
            ) from None
        if embargoed.tzinfo is None:
            raise BadInput(
                "embargoed", "the embargo time needs a time zone (e.g. 2026-05-01T09:00Z)"
            )
    language = fields.get("language")
    reason = fields.get("correction_reason")
    new_story = fields.get("new_story", False)
    if isinstance(new_story, str) and new_story.strip().lower() in ("true", "false"):
        new_story = new_story.strip().lower() == "true"  # a form field
    if not isinstance(new_story, bool):
        raise BadInput("new_story", f"expected true or false, not {new_story!r}")
    subheadline = fields.get("subheadline")
    if subheadline is not None and not isinstance(subheadline, str):
        raise BadInput("subheadline", "expected the line under the headline, as a string")
    return {
        "language": str(language) if language else None,
        "sectors": sectors,
        "languages": languages,
        "embargoed": embargoed,
        "correction_reason": str(reason) if reason else None,
        "new_story": new_story,
        "subheadline": given_subheadline(subheadline),
    }
