"""Classification of one story: Media Topics, sectors, regions and urgency, each explained.

The steps are readable in `Classifier.classify`: the lexical topic model scores the story,
corrected stories that resemble it add their editors' votes, the topics are chosen, sectors
follow from topics and urgency, regions from the dateline and the places named. What the
publisher chose (sectors, regions, urgency) always wins.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from polywire.classify.assignment import assign_topics
from polywire.classify.gazetteer import load_gazetteer
from polywire.classify.learning import CorrectionMemory, Neighbour, votes
from polywire.classify.llm import LlmTopicChooser, LlmUnavailable
from polywire.classify.places import find_regions
from polywire.classify.result import Classification, RegionTag, TopicTag
from polywire.classify.sectors import SectorList, load_sectors
from polywire.classify.topics import ConceptScore, TopicModel
from polywire.classify.urgency import urgency_of
from polywire.classify.vocabulary import Vocabulary, load_vocabulary
from polywire.domain import Extraction
from polywire.settings.classify import ClassifySettings

log = logging.getLogger("polywire.classify")

#: Concepts the lexical model found that are offered to the optional chat model.
LLM_CANDIDATES = 25
#: The confidence of a topic only the chat model saw.
LLM_ONLY_CONFIDENCE = 0.5

#: A vote of 1 (the same story) moves a topic by this many times the best lexical score.
LEARNING_WEIGHT = 4.0
#: The scale of votes when the vocabulary found (almost) nothing.
MIN_LEARNING_SCALE = 0.2


@dataclass
class StoryText:
    """What classification reads of a story, and what its publisher already chose."""

    headline: str
    body: list[str]
    language: str
    dateline_place: str | None = None
    publisher_sectors: list[str] = field(default_factory=list)
    publisher_regions: list[str] = field(default_factory=list)
    publisher_urgency: int | None = None
    #: The stored story this is (a corrected story is not its own neighbour).
    key: tuple[str, int] | None = None

    @classmethod
    def from_extraction(cls, extraction: Extraction) -> StoryText:
        return cls(
            headline=extraction.headline,
            body=list(extraction.body),
            language=extraction.language,
            dateline_place=extraction.dateline.place if extraction.dateline else None,
            publisher_sectors=list(extraction.sectors),
        )


class Classifier:
    def __init__(
        self,
        settings: ClassifySettings | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.settings = settings or ClassifySettings()
        self.vocabulary = vocabulary or load_vocabulary()
        self.model = TopicModel(self.vocabulary)
        self.memory = CorrectionMemory(self.model)
        self.sectors: SectorList = load_sectors(self.settings.sectors_file)
        self.llm = (
            LlmTopicChooser(self.settings, self.vocabulary) if self.settings.llm_url else None
        )

    def classify(self, story: StoryText) -> Classification:
        tokens = self.model.story_tokens(story.headline, story.body, story.language)
        scores = self.model.score(tokens, story.language)
        neighbours = self.memory.neighbours(
            tokens,
            story.language,
            limit=self.settings.neighbours,
            min_similarity=self.settings.min_similarity,
            exclude=story.key,
        )
        self._add_editor_votes(scores, neighbours)
        topics = assign_topics(self.vocabulary, scores)
        if self.llm is not None:
            topics = self._chat_model_topics(story, scores, topics, neighbours)
        urgency = urgency_of(story.headline, story.body, story.publisher_urgency)
        if story.publisher_sectors:
            sectors = [self.sectors.canonical(s) for s in story.publisher_sectors]
        else:
            sectors = self.sectors.assign(self.vocabulary, topics, urgency)
        if story.publisher_regions:
            regions = self._publisher_regions(story.publisher_regions)
        else:
            regions = find_regions(
                story.headline,
                story.body,
                story.language,
                story.dateline_place,
                limit=self.settings.max_regions,
            )
        return Classification(
            topics=topics,
            sectors=sectors,
            regions=regions,
            urgency=urgency,
            learned_from=self.memory.learned,
        )

    def _add_editor_votes(
        self, scores: dict[str, ConceptScore], neighbours: list[Neighbour]
    ) -> None:
        """Each vote moves a topic (and its ancestors) by a multiple of the best lexical score,
        so that a close corrected story can outweigh the vocabulary's words."""
        if not neighbours:
            return
        best = max((scores[c].total for c in self.vocabulary.top_level if c in scores), default=0.0)
        scale = LEARNING_WEIGHT * max(best, MIN_LEARNING_SCALE)
        reason = "like corrected " + ", ".join(
            dict.fromkeys(f"story {n.example.story_id}" for n in neighbours)
        )
        tally = {
            c: v
            for c, v in votes(neighbours, self.settings.min_similarity).items()
            if c in self.vocabulary.concepts
        }
        moves = {code: vote * scale for code, vote in tally.items()}
        for code, vote in tally.items():
            if vote > 0:  # a given topic also lifts its ancestors the editors did not name
                for ancestor in self.vocabulary.ancestors(code):
                    if ancestor not in tally:
                        moves[ancestor] = max(moves.get(ancestor, 0.0), vote * scale)
        for code, amount in moves.items():
            found = scores.setdefault(code, ConceptScore(code, 0.0))
            found.direct = max(0.0, found.direct + amount)
            found.total = max(0.0, found.total + amount)
            if amount > 0:
                found.evidence[reason] += amount

    def _chat_model_topics(
        self,
        story: StoryText,
        scores: dict[str, ConceptScore],
        topics: list[TopicTag],
        neighbours: list[Neighbour],
    ) -> list[TopicTag]:
        """The chat model chooses among the lexical candidates (and the corrected neighbours'
        topics); the lexical model keeps its confidence and evidence. If the model cannot be
        reached, the lexical topics stand."""
        assert self.llm is not None
        ranked = sorted(scores.values(), key=lambda s: s.total, reverse=True)[:LLM_CANDIDATES]
        candidates = [s.code for s in ranked if s.total > 0]
        candidates += [code for n in neighbours for code in n.example.topics]
        try:
            chosen = self.llm.choose(story.headline, story.body, candidates)
        except LlmUnavailable as error:
            log.warning("chat model unavailable, lexical topics kept: %s", error)
            return topics
        lexical = {t.code: t for t in topics}
        result = []
        for code in chosen:
            known = lexical.get(code)
            confidence = known.confidence if known else LLM_ONLY_CONFIDENCE
            evidence = list(known.evidence) if known else []
            label = self.vocabulary.concepts[code].label()
            result.append(
                TopicTag(code, label, confidence, [*evidence, f"chosen by {self.llm.model}"])
            )
        return result or topics

    def _publisher_regions(self, codes: list[str]) -> list[RegionTag]:
        gazetteer = load_gazetteer()
        return [
            RegionTag(code.upper(), gazetteer.country_name(code.upper(), "en"), ["publisher"])
            for code in codes
        ]
