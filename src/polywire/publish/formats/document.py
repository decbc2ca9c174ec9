"""polywire's own JSON: every field of the composed release, for receivers that want no ninjs."""

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
        "dateline": composed.dateline,
        "paragraphs": composed.paragraphs,
        "sectors": [{"name": s.name, "label": s.label} for s in composed.sectors],
        "notices": composed.notices,
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
