"""ninjs 2.x and 3.x documents from another wire, validated against the IPTC schemas.

The version is read from `standard.version` when present, else from the spelling of the
properties (3.0 writes `versionCreated`, 2.x `versioncreated`). Bodies in HTML are sanitised
and split into paragraphs; the first body paragraph still goes through the dateline step.

What polywire writes in its own ninjs is read back: the headline of role `sub` is the
subheadline, bodies of role `about` (a heading naming
whom it is about, then the text) are the publisher's About paragraphs, `infosources` of role
`contact` its media contacts (`name` as "Name, role", `contactinfo` of type phone, email, web),
associations of type `picture` its pictures (`polywire.ingest.pictures`). The desk's corrected
draft travels the same way.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from polywire.domain import About, BadInput, Contact, Dateline
from polywire.ingest import furniture as f
from polywire.ingest.datelines import find_dateline
from polywire.ingest.measure import normalise
from polywire.ingest.pictures import ninjs_pictures
from polywire.ingest.sanitise import paragraphs
from polywire.ingest.scraped import Draft
from polywire.surrogates import clean_document

_SCHEMAS = {"2": "ninjs-schema_2.1.json", "3": "ninjs-schema_3.0.json"}
_SUB_ROLES = ("sub", "subheadline", "subtitle")
_V3_ONLY = ("versionCreated", "firstCreated", "pubStatus", "altIds", "embargoedUntil", "edNote")


def from_ninjs(text: str, source: str) -> Draft:
    try:
        # Another wire's file: a `\ud800` escape in it is an undecodable character, U+FFFD.
        document = clean_document(json.loads(text))
    except json.JSONDecodeError as error:
        raise BadInput(source, f"invalid JSON: {error}") from None
    if not isinstance(document, dict):
        raise BadInput(source, "a ninjs document must be a JSON object")
    major = ninjs_major_version(document)
    invalid = best_match(_validator(major).iter_errors(document))
    if invalid is not None:
        where = "/".join(str(p) for p in invalid.absolute_path) or "the document"
        raise BadInput(source, f"not valid ninjs {major}.x at {where}: {invalid.message}")
    v3 = major == "3"
    headline = _main_value(document.get("headlines")) or normalise(str(document.get("title", "")))
    body = _body(document.get("bodies"))
    draft = Draft(headline=headline or None, body=body)
    draft.subheadline = _sub_value(document.get("headlines"))
    if document.get("language"):
        draft.language = str(document["language"])
    if body:
        found = find_dateline(body[0])
        if found is not None:
            draft.dateline, body[0] = found.dateline, found.rest
    located = _optional(document.get("located"))
    if located and draft.dateline is None:
        draft.dateline = Dateline(place=located, source=None)
    draft.byline = _optional(document.get("by"))
    for key in (
        ("contentCreated", "versionCreated", "firstCreated")
        if v3
        else ("contentcreated", "versioncreated", "firstcreated")
    ):
        if document.get(key):
            draft.date = _optional(document[key])
            break
    draft.credit = _optional(document.get("copyrightHolder" if v3 else "copyrightholder"))
    draft.captions = _descriptions(document.get("descriptions"), "caption")
    draft.notices = [
        n for n in (_optional(document.get("usageTerms" if v3 else "usageterms")),) if n
    ]
    draft.sectors = [
        name
        for s in document.get("subjects") or []
        if s.get("rel") == "sector" and (name := _optional(s.get("name")))
    ]
    draft.about = _about(document.get("bodies"))
    draft.contacts = _contacts(document.get("infoSources" if v3 else "infosources"))
    draft.pictures = ninjs_pictures(document.get("associations"))
    return draft


def _about(bodies: Any) -> list[About]:
    found: list[About] = []
    for body in bodies if isinstance(bodies, list) else []:
        if body.get("role") != "about":
            continue
        value = str(body.get("value", ""))
        kind = str(body.get("contenttype") or body.get("contentType") or "")
        if "html" in kind or value.lstrip().startswith("<"):
            parts = paragraphs(value)
        else:
            parts = [normalise(p) for p in value.split("\n") if normalise(p)]
        if len(parts) < 2:
            continue
        name = f.about_name(parts[0]) or parts[0]
        found.append(About(name=name, text=" ".join(parts[1:])))
    return found


def _contacts(sources: Any) -> list[Contact]:
    found: list[Contact] = []
    for source in sources if isinstance(sources, list) else []:
        if source.get("role") != "contact":
            continue
        name, _, role = (_optional(source.get("name")) or "").partition(",")
        ways: dict[str, list[str]] = {"phone": [], "email": [], "web": []}
        for way in source.get("contactinfo") or source.get("contactInfo") or []:
            if way.get("type") in ways and way.get("value"):
                ways[str(way["type"])].append(normalise(str(way["value"])))
        found.append(
            Contact(
                name=name.strip() or None,
                role=role.strip() or None,
                phones=tuple(ways["phone"]),
                emails=tuple(ways["email"]),
                sites=tuple(ways["web"]),
            )
        )
    return found


def ninjs_major_version(document: dict[str, Any]) -> str:
    """`"2"` or `"3"`: which schema the document claims or, failing that, resembles."""
    standard = document.get("standard")
    if isinstance(standard, dict) and standard.get("name", "ninjs") == "ninjs":
        version = str(standard.get("version", ""))
        if version[:1] in _SCHEMAS:
            return version[:1]
    return "3" if any(key in document for key in _V3_ONLY) else "2"


@cache
def _validator(major: str) -> Draft202012Validator:
    schema = files("polywire.standards") / "ninjs" / _SCHEMAS[major]
    return Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))


def _main_value(items: Any) -> str:
    if not isinstance(items, list) or not items:
        return ""
    main = next((i for i in items if i.get("role") in (None, "main")), items[0])
    return normalise(str(main.get("value", "")))


def _sub_value(items: Any) -> str | None:
    """The headline of role `sub` (ninjs' own word; `subheadline` and `subtitle` as others
    write it), if there is one."""
    for item in items if isinstance(items, list) else []:
        if str(item.get("role", "")).lower() in _SUB_ROLES:
            return normalise(str(item.get("value", ""))) or None
    return None


def _body(bodies: Any) -> list[str]:
    if not isinstance(bodies, list) or not bodies:
        return []
    main = next((b for b in bodies if b.get("role") in (None, "main")), bodies[0])
    value = str(main.get("value", ""))
    kind = str(main.get("contenttype") or main.get("contentType") or "")
    if "html" in kind or value.lstrip().startswith("<"):
        return paragraphs(value)
    return [normalise(p) for p in value.split("\n") if normalise(p)]


def _descriptions(items: Any, role: str) -> list[str]:
    if not isinstance(items, list):
        return []
    return [normalise(str(i["value"])) for i in items if i.get("role") == role and i.get("value")]


def _optional(value: Any) -> str | None:
    return (normalise(str(value)) or None) if value else None
