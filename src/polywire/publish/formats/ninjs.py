"""IPTC ninjs 2.1 documents for one rendition of one story version."""

from __future__ import annotations

import html
import json
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from polywire.domain import Rendition, Story, Version


def to_ninjs(story: Story, version: Version, rendition: Rendition) -> dict[str, Any]:
    """The ninjs 2.1 document a subscriber receives for `rendition`."""
    document: dict[str, Any] = {
        "uri": story.uri,
        "standard": {
            "name": "ninjs",
            "version": "2.1",
            "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json",
        },
        "type": "text",
        "profile": "polywire-text",
        "version": str(version.version),
        "firstcreated": _timestamp(story.created),
        "versioncreated": _timestamp(version.versioncreated),
        "pubstatus": version.pubstatus.value,
        "language": rendition.language,
        "headlines": [{"role": "main", "value": rendition.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "charcount": sum(len(p) for p in rendition.body),
                "wordcount": sum(len(p.split()) for p in rendition.body),
                "value": "".join(f"<p>{html.escape(p)}</p>" for p in rendition.body),
            }
        ],
        "altids": [{"role": "polywire-story", "value": story.id}],
    }
    if version.embargoed is not None:
        document["embargoed"] = _timestamp(version.embargoed)
    if version.urgency is not None:
        document["urgency"] = version.urgency
    if version.by:
        document["by"] = version.by
    if version.located:
        document["located"] = version.located
    if version.correction_reason:
        document["ednote"] = f"Correction: {version.correction_reason}"
    subjects = [
        {
            "name": subject.name,
            "uri": f"http://cv.iptc.org/newscodes/mediatopic/{subject.code.split(':', 1)[-1]}"
            if subject.scheme == "medtop"
            else subject.code,
            "creator": subject.creator,
            **({"relevance": subject.relevance} if subject.relevance is not None else {}),
            **({"confidence": subject.confidence} if subject.confidence is not None else {}),
        }
        for subject in version.subjects
    ]
    subjects += [{"name": sector, "rel": "sector"} for sector in version.sectors]
    if subjects:
        document["subjects"] = subjects
    if version.places:
        document["places"] = [
            {"name": place.name, "uri": f"iso3166-1a2:{place.code}"} for place in version.places
        ]
    return document


def validate_ninjs(document: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` unless `document` is valid ninjs 2.1."""
    error: ValidationError | None = next(iter(_validator().iter_errors(document)), None)
    if error is not None:
        raise error


@cache
def _validator() -> Draft202012Validator:
    schema_file = files("polywire.standards") / "ninjs" / "ninjs-schema_2.1.json"
    return Draft202012Validator(json.loads(schema_file.read_text(encoding="utf-8")))


def _timestamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
