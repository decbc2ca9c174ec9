"""What the review queue's count costs every desk page (issue 19: the count is in every desk
page's nav, one query per page, read with the session).

Fills a store with `--stories` stories (latest version 1, two languages each; one in 97
with a language held for review, spread over ten publishers), then times
`count_needing_review` as the nav runs it: for the whole wire (an admin or an editor bound to
no publisher) and for one publisher. Prints the median and 95th percentile in milliseconds.

    createdb -h 127.0.0.1 -U postgres bench_nav
    .venv/bin/python bench/nav_queue_benchmark.py \\
        --database-url postgresql+psycopg://postgres@127.0.0.1/bench_nav --stories 20000
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import UTC, datetime

from polywire.domain import RenditionState, StoryState
from polywire.store.db import Database
from polywire.store.migrate import upgrade
from polywire.store.stories import count_needing_review
from polywire.store.tables import renditions, stories, versions

BATCH = 2000


def fill(database: Database, count: int) -> int:
    """`count` stories; returns how many wait for review."""
    now = datetime.now(UTC)
    held = 0
    for start in range(0, count, BATCH):
        story_rows, version_rows, rendition_rows = [], [], []
        for n in range(start, min(start + BATCH, count)):
            story_id = f"{n:032x}"
            waiting = n % 97 == 0
            held += waiting
            story_rows.append(
                {
                    "id": story_id,
                    "uri": f"urn:bench:{story_id}",
                    "publisher": f"publisher{n % 10}",
                    "source_language": "en",
                    "state": StoryState.RELEASED.value,
                    "latest_version": 1,
                    "created": now,
                    "updated": now,
                }
            )
            version_rows.append(
                {
                    "story_id": story_id,
                    "version": 1,
                    "versioncreated": now,
                    "language": "en",
                    "headline": f"Story {n}",
                    "body": ["A paragraph."],
                    "pubstatus": "usable",
                    "captions": [],
                    "notices": [],
                    "sectors": [],
                    "subjects": [],
                    "places": [],
                    "target_languages": ["es"],
                    "content_hash": story_id * 2,
                }
            )
            for language, state in (
                ("en", RenditionState.RELEASED),
                ("es", RenditionState.NEEDS_REVIEW if waiting else RenditionState.RELEASED),
            ):
                rendition_rows.append(
                    {
                        "story_id": story_id,
                        "version": 1,
                        "language": language,
                        "state": state.value,
                        "is_source": language == "en",
                        "headline": f"Story {n}",
                        "body": ["A paragraph."],
                        "updated": now,
                    }
                )
        with database.write() as conn:
            conn.execute(stories.insert(), story_rows)
            conn.execute(versions.insert(), version_rows)
            conn.execute(renditions.insert(), rendition_rows)
    return held


def timed(database: Database, publisher: str | None, runs: int) -> tuple[int, list[float]]:
    took: list[float] = []
    found = 0
    for _ in range(runs):
        with database.read() as conn:
            start = time.perf_counter()
            found = count_needing_review(conn, publisher)
            took.append((time.perf_counter() - start) * 1000)
    return found, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--stories", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    database = Database(args.database_url)
    upgrade(database)
    held = fill(database, args.stories)
    results = {}
    for label, publisher in (("whole wire", None), ("one publisher", "publisher0")):
        found, took = timed(database, publisher, args.runs)
        took.sort()
        results[label] = {
            "count": found,
            "median_ms": round(statistics.median(took), 2),
            "p95_ms": round(took[int(len(took) * 0.95) - 1], 2),
        }
    print(json.dumps({"stories": args.stories, "held": held, **results}, indent=2))
    database.engine.dispose()


if __name__ == "__main__":
    main()
