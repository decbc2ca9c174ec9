"""An extraction as a version of a story: what makes two submissions the same (`content_hash`),
and the stored `Version` it becomes (`version_from`). Ingest's, because both read only what the
extraction found."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

from polywire.domain import Extraction, Version


def content_hash(extraction: Extraction) -> str:
    """What makes two submissions the same: headline and body, the subheadline when there is one,
    and the publisher's About paragraphs, contacts and pictures when it gave any (a new contact
    is a new version)."""
    content: list[object] = [extraction.headline, extraction.body]
    if extraction.subheadline:
        content.append({"subheadline": extraction.subheadline})
    extras = extraction.to_json()
    if extraction.about or extraction.contacts or extraction.pictures:
        content += [extras["about"], extras["contacts"], extras["pictures"]]
    canonical = json.dumps(content, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def version_from(
    extraction: Extraction,
    story_id: str,
    number: int,
    now: datetime,
    embargoed: datetime | None,
    correction_reason: str | None,
    content_hash: str,
) -> Version:
    """Version `number` of a story, as the extraction found it."""
    return Version(
        story_id=story_id,
        version=number,
        versioncreated=now,
        language=extraction.language,
        headline=extraction.headline,
        body=extraction.body,
        located=extraction.dateline.place if extraction.dateline else None,
        by=extraction.byline,
        dateline_source=extraction.dateline.source if extraction.dateline else None,
        credit=extraction.credit,
        captions=extraction.captions,
        notices=extraction.notices,
        sectors=extraction.sectors,
        embargoed=embargoed,
        correction_reason=correction_reason,
        content_hash=content_hash,
        dateline_date=extraction.dateline.date if extraction.dateline else None,
        about=list(extraction.about),
        contacts=list(extraction.contacts),
        pictures=list(extraction.pictures),
        subheadline=extraction.subheadline,
    )
