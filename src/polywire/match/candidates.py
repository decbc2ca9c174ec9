"""Find the stored story an incoming story translates: a version in another language, published
within the time window, that `match_stories` calls the same story.

Ingest uses it to link a translation received from a partner wire to the story it translates, so
that it becomes a rendition of that story and is checked like the wire's own translations.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from polywire.check.model import Text
from polywire.check.stage import source_text
from polywire.domain import Version
from polywire.language_tags import base_language, is_language_tag
from polywire.match.same_story import WINDOW, SameStory, match_stories
from polywire.store import stories as store
from polywire.store.tables import versions

log = logging.getLogger("polywire.match")

#: At most this many stored versions are compared with one incoming story.
MAX_CANDIDATES = 500


def find_translated_story(
    conn: Connection, incoming: Text, published: datetime, *, window: timedelta = WINDOW
) -> tuple[Version, SameStory] | None:
    """The best-matching stored version in another language within `window` of `published`."""
    rows = conn.execute(
        select(versions.c.story_id, versions.c.version)
        .where(versions.c.versioncreated.between(published - window, published + window))
        .order_by(versions.c.versioncreated.desc())
        .limit(MAX_CANDIDATES)
    ).all()
    best: tuple[Version, SameStory] | None = None
    language = base_language(incoming.language)
    for row in rows:
        candidate = store.get_version(conn, row.story_id, row.version)
        if not is_language_tag(candidate.language):
            log.warning(
                "story %s v%d not compared: its stored language %r is not a BCP 47 tag",
                candidate.story_id,
                candidate.version,
                candidate.language,
            )
            continue
        if base_language(candidate.language) == language:
            continue
        verdict = match_stories(
            source_text(candidate), incoming, a_time=candidate.versioncreated, b_time=published
        )
        if verdict.same_story and (best is None or verdict.score > best[1].score):
            best = (candidate, verdict)
    return best
