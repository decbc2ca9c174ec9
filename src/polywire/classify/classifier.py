"""Classification of one story: Media Topics, sectors, regions and urgency, each explained.

The steps are readable in `Classifier.classify`: the lexical topic model scores the story, the
topics are chosen, sectors follow from topics and urgency, regions from the dateline and the
places named. What the publisher chose (sectors, regions, urgency) always wins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from polywire.classify.places import find_regions, load_gazetteer
from polywire.classify.result import Classification, RegionTag
from polywire.classify.sectors import SectorList, load_sectors
from polywire.classify.settings import ClassifySettings
from polywire.classify.topics import TopicModel, assign_topics
from polywire.classify.urgency import urgency_of
from polywire.classify.vocabulary import Vocabulary, load_vocabulary
from polywire.domain import Extraction


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
        self.sectors: SectorList = load_sectors(self.settings.sectors_file)

    def classify(self, story: StoryText) -> Classification:
        tokens = self.model.story_tokens(story.headline, story.body, story.language)
        scores = self.model.score(tokens, story.language)
        topics = assign_topics(self.vocabulary, scores)
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
        return Classification(topics=topics, sectors=sectors, regions=regions, urgency=urgency)

    def _publisher_regions(self, codes: list[str]) -> list[RegionTag]:
        gazetteer = load_gazetteer()
        return [
            RegionTag(code.upper(), gazetteer.country_name(code.upper(), "en"), ["publisher"])
            for code in codes
        ]
