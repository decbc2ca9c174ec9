"""Targeting at scale: the indexed lookup against a scan of every subscriber.

Fills a store with N subscribers (random languages, sectors, topics, countries, and keywords for
one in ten), then targets R random releases both ways and checks that both pick the same
destinations. The baseline reads every subscriber and filters in Python, which is what targeting
would cost without the `subscriber_filters` index.

    python bench/targeting_benchmark.py --subscribers 100000 --releases 50
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from polywire.classify.vocabulary import load_vocabulary
from polywire.compose.texts import TARGET_LANGUAGES
from polywire.domain import Place, Rendition, RenditionState, Subject, Version
from polywire.publish.release.targeting import Facets, facets_of, targets
from polywire.publish.subscribers import normalise
from polywire.store.db import Database
from polywire.store.migrate import upgrade
from polywire.store.publish_tables import destinations, subscriber_filters, subscribers
from polywire.store.types import utcnow
from polywire.subscriptions import SubscriberSpec, filter_rows

LANGUAGES = list(TARGET_LANGUAGES)
SECTORS = [f"Sector {i}" for i in range(25)]
TOPICS = sorted(load_vocabulary().concepts)  # the IPTC Media Topics shipped with polywire
REGIONS = [
    "GB",
    "US",
    "DE",
    "FR",
    "VN",
    "KR",
    "JP",
    "SA",
    "CN",
    "TW",
    "TH",
    "ID",
    "MY",
    "RU",
    "ES",
    "PT",
    "BR",
    "MX",
    "IN",
    "AU",
    "CA",
    "IT",
    "NL",
    "SE",
    "PL",
]
WORDS = [
    "solar",
    "battery",
    "merger",
    "strike",
    "vaccine",
    "chip",
    "harvest",
    "election",
    "tariff",
    "rocket",
]


def populate(database: Database, count: int, rng: random.Random) -> None:
    now = utcnow()
    batch_subscribers, batch_filters, batch_destinations = [], [], []
    for _ in range(count):
        spec = normalise(
            SubscriberSpec(
                name="bench",
                languages=rng.sample(LANGUAGES, rng.choice((1, 1, 2, 3))),
                sectors=rng.sample(SECTORS, rng.choice((0, 1, 2, 3))),
                topics=rng.sample(TOPICS, rng.choice((0, 0, 1, 2))),
                regions=rng.sample(REGIONS, rng.choice((0, 1, 2))),
                keywords=rng.sample(WORDS, 1) if rng.random() < 0.1 else [],
                destinations=[{"channel": "webhook", "address": "https://example.org/h"}],
            )
        )
        subscriber_id = uuid.uuid4().hex
        batch_subscribers.append(
            {
                "id": subscriber_id,
                "name": spec.name,
                "kind": spec.kind,
                "token_hash": uuid.uuid4().hex,
                "languages": spec.languages,
                "sectors": spec.sectors,
                "topics": spec.topics,
                "regions": spec.regions,
                "keywords": spec.keywords,
                "created": now,
            }
        )
        batch_filters += [
            {"facet": f, "value": v, "subscriber_id": subscriber_id} for f, v in filter_rows(spec)
        ]
        batch_destinations.append(
            {
                "id": uuid.uuid4().hex,
                "subscriber_id": subscriber_id,
                "position": 0,
                "channel": "webhook",
                "format": "ninjs2",
                "address": "https://example.org/h",
                "secret": "whsec_x",
                "enabled": True,
                "created": now,
            }
        )
    with database.write() as conn:
        conn.execute(subscribers.insert(), batch_subscribers)
        conn.execute(subscriber_filters.insert(), batch_filters)
        conn.execute(destinations.insert(), batch_destinations)


def release(rng: random.Random) -> tuple[Version, Rendition]:
    language = rng.choice(LANGUAGES)
    words = rng.sample(WORDS, 2)
    version = Version(
        story_id="bench",
        version=1,
        versioncreated=datetime.now(UTC),
        language=language,
        headline=f"News about {words[0]}",
        body=[f"A long paragraph about {words[1]} and other things. " * 20] * 8,
        sectors=rng.sample(SECTORS, 2),
        subjects=[Subject(code, "topic") for code in rng.sample(TOPICS, 2)],
        places=[Place(code, code) for code in rng.sample(REGIONS, 1)],
    )
    return version, Rendition(
        "bench", 1, language, RenditionState.RELEASED, version.headline, version.body
    )


def scan(database: Database, facets: Facets) -> set[str]:
    """The baseline: read every subscriber and destination, filter in Python."""

    def wants(values: list[str], have: frozenset[str]) -> bool:
        return not values or bool(set(values) & have)

    with database.read() as conn:
        rows = conn.execute(
            select(subscribers, destinations.c.id.label("destination_id"))
            .join(destinations, destinations.c.subscriber_id == subscribers.c.id)
            .where(subscribers.c.removed.is_(None), destinations.c.enabled.is_(True))
        ).all()
    return {
        row.destination_id
        for row in rows
        if {lang.lower() for lang in row.languages} & facets.languages
        and wants([s.casefold() for s in row.sectors], facets.sectors)
        and wants(row.topics, facets.topics)
        and wants(row.regions, facets.regions)
        and wants(row.keywords, facets.phrases)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--releases", type=int, default=50)
    parser.add_argument("--database-url", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        database = Database(url)
        upgrade(database)
        started = time.perf_counter()
        populate(database, args.subscribers, rng)
        print(f"{args.subscribers:,} subscribers stored in {time.perf_counter() - started:.1f} s")
        indexed, scanned, picked = [], [], []
        for _ in range(args.releases):
            version, rendition = release(rng)
            facets = facets_of(version, rendition)
            t0 = time.perf_counter()
            with database.read() as conn:
                found = {t.destination_id for t in targets(conn, version, rendition)}
            t1 = time.perf_counter()
            baseline = scan(database, facets)
            t2 = time.perf_counter()
            if found != baseline:
                raise SystemExit(
                    f"indexed and scanned targeting disagree: {len(found)} vs {len(baseline)}"
                )
            indexed.append(t1 - t0)
            scanned.append(t2 - t1)
            picked.append(len(found))
        database.dispose()
    index_ms = statistics.median(indexed) * 1000
    scan_ms = statistics.median(scanned) * 1000
    print(f"destinations per release: median {statistics.median(picked):,.0f}")
    p95_ms = sorted(indexed)[int(len(indexed) * 0.95)] * 1000
    print(f"indexed: median {index_ms:.1f} ms, p95 {p95_ms:.1f} ms")
    print(f"scan:    median {scan_ms:.1f} ms")
    print(f"speed-up (scan / indexed): {scan_ms / index_ms:.1f}x")


if __name__ == "__main__":
    main()
