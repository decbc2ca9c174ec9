"""polywire's own JSON: every field of the composed release, for receivers that want no ninjs.

The notices are the lines a reader sees after the story; the publisher's About paragraphs, media
contacts and pictures are also there as data (`about`, `contacts`, `pictures`)."""

from __future__ import annotations

from typing import Any

from polywire.compose import Composed


def to_json_document(composed: Composed) -> dict[str, Any]:
    return {
        "uri": composed.uri,
        "story_id": composed.story_id,
        "version": composed.version,
        "language": composed.language,
        "direction": composed.direction,
        "pubstatus": composed.pubstatus.value,
        "withdrawn": composed.withdrawn,
        "correction": composed.correction,
        "headline": composed.headline,
        "subheadline": composed.subheadline,
        "dateline": composed.dateline,
        "paragraphs": composed.paragraphs,
        "sectors": [{"name": s.name, "label": s.label} for s in composed.sectors],
        "notices": composed.notices,
        "about": [
            {"heading": a.heading, "name": a.name, "text": a.text} for a in composed.publisher_about
        ],
        "contacts": [contact.to_json() for contact in composed.contacts],
        "pictures": [picture.to_json() for picture in composed.pictures],
        "publisher": composed.publisher,
        "firstcreated": composed.firstcreated.isoformat(),
        "versioncreated": composed.versioncreated.isoformat(),
        "embargoed": composed.embargoed.isoformat() if composed.embargoed else None,
        "subjects": [
            {"code": s.code, "name": s.name, "scheme": s.scheme} for s in composed.subjects
        ],
        "places": [{"code": p.code, "name": p.name} for p in composed.places],
        "source_language": composed.source_language,
        "is_translation": composed.is_translation,
        "translation": composed.provenance.to_json() if composed.provenance else None,
        "translated_by": composed.translated_by,
    }
