"""Targeting: which destinations get one released rendition.

A subscriber matches when the rendition's language is one it reads and, for each of sectors,
IPTC Media Topics, countries and keywords, it asked for any (`*` in the index) or for one the
story has. Each facet is one lookup in the `subscriber_filters` index and the facets are
intersected in the database, so the cost follows the number of matching subscribers, not the
number of subscribers (see `bench/targeting_benchmark.py`).

A new version (a correction or a withdrawal) also goes to every destination that got an earlier
version of the story in that language, whether or not it still matches.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from sqlalchemy import CompoundSelect, Connection, Select, intersect, or_, select, union

from polywire.domain import Rendition, Version
from polywire.language_tags import fallbacks
from polywire.publish import vocabulary
from polywire.store.publish_tables import deliveries, destinations, subscriber_filters, subscribers
from polywire.subscriptions import sector_key

_CHUNK = 5000  # bound parameters per IN list, well under SQLite's and PostgreSQL's limits


@dataclass(frozen=True)
class Facets:
    """What a rendition is filed under, normalised as in the targeting index."""

    languages: frozenset[str]
    sectors: frozenset[str]
    topics: frozenset[str]
    regions: frozenset[str]
    phrases: frozenset[str]
    text: str  # casefolded headline and body, for keywords in scripts without spaces


@dataclass(frozen=True)
class Target:
    destination_id: str
    subscriber_id: str
    channel: str
    format: str


def facets_of(version: Version, rendition: Rendition) -> Facets:
    text = "\n".join([rendition.headline, *rendition.body])
    return Facets(
        # filters are kept in lower case (`publish.subscribers`)
        languages=frozenset(tag.lower() for tag in fallbacks(rendition.language)),
        sectors=frozenset(sector_key(s) for s in version.sectors if s.strip()),
        topics=frozenset(
            vocabulary.topics_with_broader(
                [_medtop(s.code) for s in version.subjects if s.scheme == "medtop"]
            )
        ),
        regions=frozenset(p.code.upper() for p in version.places),
        phrases=frozenset(vocabulary.phrases_of(text)),
        text=text.casefold(),
    )


def matching(facets: Facets) -> CompoundSelect[tuple[str]]:
    """The ids of subscribers whose filters match `facets`."""
    return intersect(
        _having("language", facets.languages, wildcard=False),
        _having("sector", facets.sectors),
        _having("topic", facets.topics),
        _having("region", facets.regions),
        _having("keyword", facets.phrases),
    )


def targets(
    conn: Connection,
    version: Version,
    rendition: Rendition,
    *,
    channels: Collection[str] | None = None,
) -> list[Target]:
    """The enabled destinations that get `rendition` of `version`, on `channels` (default all);
    never a removed one, nor one of a paused subscriber."""
    facets = facets_of(version, rendition)
    unspaced = [k for k in _unspaced_keywords(conn) if k in facets.text]
    if unspaced:
        facets = replace(facets, phrases=facets.phrases | frozenset(unspaced))
    chosen = matching(facets).subquery()
    wanted = select(chosen.c.subscriber_id)
    if version.version > 1:
        earlier = (
            select(destinations.c.subscriber_id)
            .join(deliveries, deliveries.c.destination_id == destinations.c.id)
            .where(
                deliveries.c.story_id == version.story_id,
                deliveries.c.language == rendition.language,
                deliveries.c.version < version.version,
            )
        )
        either = union(wanted, earlier).subquery()
        wanted = select(either.c.subscriber_id)
    query = select(
        destinations.c.id,
        destinations.c.subscriber_id,
        destinations.c.channel,
        destinations.c.format,
    ).where(
        destinations.c.enabled.is_(True),
        destinations.c.removed.is_(None),
        destinations.c.subscriber_id.in_(wanted),
        destinations.c.subscriber_id.not_in(
            select(subscribers.c.id).where(subscribers.c.paused.is_not(None))
        ),
    )
    if channels is not None:
        query = query.where(destinations.c.channel.in_(list(channels)))
    rows = conn.execute(query.order_by(destinations.c.id)).all()
    return [Target(row.id, row.subscriber_id, row.channel, row.format) for row in rows]


def _medtop(code: str) -> str:
    return code if code.startswith("medtop:") else f"medtop:{code}"


def _unspaced_keywords(conn: Connection) -> list[str]:
    """Keywords in scripts written without spaces: matched as substrings, so they are read from
    the index (one range of it: as many as there are distinct such keywords) and looked for."""
    return list(
        conn.execute(
            select(subscriber_filters.c.value)
            .where(
                subscriber_filters.c.facet == "keyword",
                subscriber_filters.c.value >= vocabulary.UNSPACED_FROM,
            )
            .distinct()
        ).scalars()
    )


def _having(facet: str, values: frozenset[str], *, wildcard: bool = True) -> Select[tuple[str]]:
    wanted = sorted(values) + (["*"] if wildcard else [])
    chunks = [wanted[i : i + _CHUNK] for i in range(0, len(wanted), _CHUNK)] or [[]]
    return select(subscriber_filters.c.subscriber_id).where(
        subscriber_filters.c.facet == facet,
        or_(*(subscriber_filters.c.value.in_(chunk) for chunk in chunks)),
    )
