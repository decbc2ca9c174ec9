"""Learning from editors: corrected stories as extra evidence, by nearest neighbours.

Every correction is stored (`classify_corrections`); the memory reads the new ones incrementally
and keeps each corrected story as a TF-IDF vector in its language (words the vocabulary never uses
weigh as much as its rarest, so names and jargon count). A new story that resembles corrected
ones (cosine at least `min_similarity`, the `neighbours` most similar) gets their editors'
topics as votes, weighted by how far the similarity rises above that threshold, and loses the
topics those editors removed. Nothing is
trained, so a correction counts from the next story on and the reasons stay visible.
"""

from __future__ import annotations

import math
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from polywire.classify.text import Token, term_counts
from polywire.classify.topics import TopicModel
from polywire.language_tags import written_language

if TYPE_CHECKING:
    # the store (SQLAlchemy) is imported when corrections are read from it, not by every
    # classifier: `polywire classify FILE` without a store starts without it
    from sqlalchemy import Connection

    from polywire.store.classify import CorrectionRow


@dataclass(frozen=True)
class Example:
    """One corrected story version, as the memory keeps it."""

    story_id: str
    version: int
    language: str
    vector: dict[str, float]
    topics: tuple[str, ...]
    removed_topics: tuple[str, ...]


@dataclass(frozen=True)
class Neighbour:
    similarity: float
    example: Example


class CorrectionMemory:
    def __init__(self, model: TopicModel) -> None:
        self.model = model
        self._examples: dict[tuple[str, int], Example] = {}
        self._last_id = 0
        self.learned = 0
        #: refreshes run in worker threads (the classify stage, the API's corrections): one at
        #: a time, so that a correction is learned once
        self._refreshing = threading.Lock()

    def refresh(self, conn: Connection) -> None:
        """Learn the corrections stored since the last refresh."""
        from polywire.store.classify import corrections_after

        with self._refreshing:
            for row in corrections_after(conn, self._last_id):
                self.learn(row)
                self._last_id = row.id

    def learn(self, row: CorrectionRow) -> None:
        """Keep a correction; a later correction of the same version replaces an earlier one."""
        tokens = self.model.story_tokens(row.headline, row.body, row.language)
        self._examples[(row.story_id, row.version)] = Example(
            story_id=row.story_id,
            version=row.version,
            language=written_language(row.language),
            vector=self.vector(tokens, row.language),
            topics=tuple(row.topics),
            removed_topics=tuple(row.removed_topics),
        )
        self.learned += 1

    def vector(self, tokens: list[Token], language: str) -> dict[str, float]:
        index = self.model.index(language)
        weights = {
            term: (1.0 + math.log(count)) * index.idf.get(term, index.rare_idf)
            for term, count in term_counts(tokens).items()
            if term not in index.stop
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}

    def neighbours(
        self,
        tokens: list[Token],
        language: str,
        *,
        limit: int,
        min_similarity: float,
        exclude: tuple[str, int] | None = None,
    ) -> list[Neighbour]:
        """The corrected stories in the same language most like this one, most similar first."""
        language = written_language(language)
        candidates = [
            e
            for key, e in list(self._examples.items())  # a copy: a refresh may add meanwhile
            if e.language == language and key != exclude
        ]
        if not candidates:
            return []
        query = self.vector(tokens, language)
        found = []
        for example in candidates:
            similarity = sum(w * example.vector.get(term, 0.0) for term, w in query.items())
            if similarity >= min_similarity:
                found.append(Neighbour(similarity, example))
        found.sort(key=lambda n: n.similarity, reverse=True)
        return found[:limit]


def votes(neighbours: list[Neighbour], min_similarity: float) -> dict[str, float]:
    """Per topic, the neighbours' votes: positive for topics editors gave, negative for topics they
    removed. A vote weighs how far the similarity rises above `min_similarity` (0 at the
    threshold, 1 for the same story), so a barely similar story only nudges."""
    tally: dict[str, float] = defaultdict(float)
    for neighbour in neighbours:
        weight = (neighbour.similarity - min_similarity) / (1.0 - min_similarity)
        for code in neighbour.example.topics:
            tally[code] += weight
        for code in neighbour.example.removed_topics:
            tally[code] -= weight
    return dict(tally)
