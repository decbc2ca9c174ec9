"""IPTC ninjs documents (2.1, and 3.0 on request) for one composed rendition.

The subheadline is a second headline of role `sub` (ninjs 2.1 and 3.0 alike). The body is the
composed story (the brand's dateline on the first paragraph); the notices
(correction, how it was translated, attribution, disclaimer, "about") travel as a second body with
role `notices` so that an outlet can print or drop them. The publisher's About paragraphs are also a
body of role `about` each (the heading, then the text); its media contacts are `infosources` of
role `contact` with their `contactinfo` (phone, email, web); the story's pictures are
`associations` of type `picture` (caption and alt text as `descriptions`, credit as `by`, the URL
as the `original` rendition). A correction is a higher `version` with `pubstatus: usable` and the
correction note in `ednote`; a withdrawal is `pubstatus: canceled`. Who translated is an
`infosources` entry per machine (role `machine-translator`), person (`translator`) or editor who
changed a machine's text (`translation-editor`). ninjs 3.0 renames
properties to camelCase (`pubStatus`, `embargoedUntil`, …); the document is built once in 2.1
terms and renamed.
"""

from __future__ import annotations

import html
import json
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from polywire.compose import Composed, compose
from polywire.config import Settings, load_settings
from polywire.domain import Contact, Picture, Rendition, Story, Subject, Version

SCHEMAS = {"2.1": "ninjs-schema_2.1.json", "3.0": "ninjs-schema_3.0.json"}

_RENAMED_IN_3 = {
    "altids": "altIds",
    "pubstatus": "pubStatus",
    "embargoed": "embargoedUntil",
    "ednote": "edNote",
    "infosources": "infoSources",
    "firstcreated": "firstCreated",
    "versioncreated": "versionCreated",
    "contenttype": "contentType",
    "charcount": "charCount",
    "wordcount": "wordCount",
    "contactinfo": "contactInfo",
}


def to_ninjs(
    story: Story, version: Version, rendition: Rendition, settings: Settings | None = None
) -> dict[str, Any]:
    """The ninjs 2.1 document a subscriber receives for `rendition`."""
    return ninjs_document(compose(version, rendition, settings or load_settings(), story=story))


def ninjs_document(composed: Composed, standard: str = "2.1") -> dict[str, Any]:
    """`composed` as a ninjs document of `standard` ("2.1" or "3.0")."""
    if standard not in SCHEMAS:
        raise ValueError(f"ninjs {standard!r}: polywire writes ninjs 2.1 and 3.0")
    document: dict[str, Any] = {
        "uri": composed.uri,
        "standard": {
            "name": "ninjs",
            "version": standard,
            "schema": f"http://www.iptc.org/std/ninjs/{SCHEMAS[standard]}",
        },
        "type": "text",
        "profile": "polywire-text",
        "version": str(composed.version),
        "firstcreated": _timestamp(composed.firstcreated),
        "versioncreated": _timestamp(composed.versioncreated),
        "pubstatus": composed.pubstatus.value,
        "language": composed.language,
        "headlines": [
            {"role": "main", "value": composed.headline},
            *([{"role": "sub", "value": composed.subheadline}] if composed.subheadline else []),
        ],
        "bodies": [
            _body("main", composed.paragraphs),
            _body("notices", [*_sector_line(composed), *composed.notices]),
        ],
        "altids": [{"role": "polywire-story", "value": composed.story_id}],
        "infosources": [
            {"name": composed.publisher, "role": "originator"},
            {"name": composed.brand, "role": "distributor", "uri": composed.brand_url},
            *_translators(composed),
            *(contact_source(contact, composed.language) for contact in composed.contacts),
        ],
    }
    for about in composed.publisher_about:
        document["bodies"].append(about_body(about.heading, about.text))
    if composed.pictures:
        document["associations"] = [
            picture_association(number, picture, composed.language)
            for number, picture in enumerate(composed.pictures, 1)
        ]
    if composed.embargoed is not None:
        document["embargoed"] = _timestamp(composed.embargoed)
    if composed.urgency is not None:
        document["urgency"] = composed.urgency
    if composed.by:
        document["by"] = composed.by
    if composed.located:
        document["located"] = composed.located
    if composed.correction:
        document["ednote"] = composed.correction
    elif composed.withdrawn:
        document["ednote"] = composed.paragraphs[0]
    subjects = [_subject(subject) for subject in composed.subjects]
    for sector in composed.sectors:
        entry = {"name": sector.label, "rel": "sector"}
        if sector.label != sector.name:
            entry["literal"] = sector.name
        subjects.append(entry)
    if subjects:
        document["subjects"] = subjects
    if composed.places:
        document["places"] = [
            {"name": p.name, "rel": "about", "uri": f"iso3166-1a2:{p.code}", "literal": p.code}
            for p in composed.places
        ]
    return _renamed(document) if standard == "3.0" else document


def validate_ninjs(document: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` unless `document` is valid ninjs of the version its
    `standard` names (2.1 when it names none)."""
    standard = str((document.get("standard") or {}).get("version", "2.1"))
    if standard not in SCHEMAS:
        raise ValidationError(f"ninjs {standard!r}: no schema for this version")
    error: ValidationError | None = next(iter(_validator(standard).iter_errors(document)), None)
    if error is not None:
        raise error


@cache
def _validator(standard: str) -> Draft202012Validator:
    schema_file = files("polywire.standards") / "ninjs" / SCHEMAS[standard]
    return Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))


def _body(role: str, paragraphs: list[str]) -> dict[str, Any]:
    return {
        "role": role,
        "contenttype": "text/html",
        "charcount": sum(len(p) for p in paragraphs),
        "wordcount": sum(len(p.split()) for p in paragraphs),
        "value": "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
    }


def _translators(composed: Composed) -> list[dict[str, str]]:
    """Who made the translation, as `infosources`."""
    made = composed.provenance
    if made is None:
        return []
    if made.kind == "received":
        return [{"name": composed.publisher, "role": "translator"}]
    found = [{"name": engine, "role": "machine-translator"} for engine in made.engines]
    if made.kind == "edited":
        found.append({"name": "editor", "role": "translation-editor"})
    if made.kind == "human":
        found.append({"name": "person", "role": "translator"})
    return found


def about_body(heading: str, text: str) -> dict[str, Any]:
    """An About paragraph as a ninjs body of role `about`: its heading, then its text."""
    return {
        "role": "about",
        "contenttype": "text/html",
        "charcount": len(text),
        "wordcount": len(text.split()),
        "value": f"<h2>{html.escape(heading)}</h2><p>{html.escape(text)}</p>",
    }


def contact_source(contact: Contact, language: str) -> dict[str, Any]:
    """A media contact as an infosource: `name` (and role), how to reach them in `contactinfo`."""
    ways = [
        *({"type": "phone", "value": phone} for phone in contact.phones),
        *({"type": "email", "value": email} for email in contact.emails),
        *({"type": "web", "value": site} for site in contact.sites),
    ]
    name = ", ".join(part for part in (contact.name, contact.role) if part)
    entry: dict[str, Any] = {"role": "contact"}
    if name:
        entry["name"] = name
    if ways:
        entry["contactinfo"] = [{**way, "lang": language} for way in ways]
    return entry


def picture_association(number: int, picture: Picture, language: str) -> dict[str, Any]:
    """A picture as a ninjs association of type `picture`, named `picture<number>`."""
    descriptions = [
        {"role": role, "value": text}
        for role, text in (("caption", picture.caption), ("alt", picture.alt))
        if text
    ]
    entry: dict[str, Any] = {
        "name": f"picture{number}",
        "uri": picture.url,
        "type": "picture",
        "language": language,
        "renditions": [{"name": "original", "href": picture.url}],
    }
    if descriptions:
        entry["descriptions"] = descriptions
    if picture.credit:
        entry["by"] = picture.credit
    return entry


def _sector_line(composed: Composed) -> list[str]:
    return [composed.sector_line] if composed.sector_line else []


def _subject(subject: Subject) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": subject.name, "creator": subject.creator}
    if subject.scheme == "medtop":
        code = subject.code.split(":", 1)[-1]
        entry["uri"] = f"http://cv.iptc.org/newscodes/mediatopic/{code}"
    else:
        entry["literal"] = subject.code
    if subject.relevance is not None:
        entry["relevance"] = subject.relevance
    if subject.confidence is not None:
        entry["confidence"] = subject.confidence
    return entry


def _renamed(value: Any) -> Any:
    if isinstance(value, dict):
        return {_RENAMED_IN_3.get(k, k): _renamed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v) for v in value]
    return value


def _timestamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
