"""The lexical model gives the right top-level Media Topic in many languages, never a retired
one."""

from __future__ import annotations

import pytest

from polywire.classify.classifier import Classifier, StoryText
from polywire.classify.topics import TopicModel
from polywire.classify.vocabulary import load_vocabulary

from .stories import STORIES, Written


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


@pytest.mark.parametrize("story", STORIES, ids=lambda s: f"{s.language}-{s.topic}")
def test_first_topic_is_the_written_one(classifier: Classifier, story: Written) -> None:
    result = classifier.classify(StoryText(story.headline, story.body, story.language))
    assert result.topics, "no topic at all"
    assert result.topics[0].code == story.topic
    assert result.topics[0].evidence, "a topic comes with the words behind it"
    assert 0 < result.topics[0].confidence <= 1


def test_stories_cover_five_languages_and_five_topics() -> None:
    assert len({s.language for s in STORIES}) >= 5
    assert len({s.topic for s in STORIES}) >= 5


def test_deeper_concept_comes_with_its_evidence(classifier: Classifier) -> None:
    story = StoryText(
        "Strong earthquake shakes Japan's north",
        ["A magnitude 7.1 earthquake struck northern Japan on Friday, shaking buildings in "
         "Sendai. The earthquake triggered a tsunami warning along the coast."],
        "en",
    )  # fmt: skip
    codes = [t.code for t in classifier.classify(story).topics]
    assert codes[0] == "medtop:03000000"
    assert "medtop:20000153" in codes  # earthquake, under natural disaster


def test_retired_concepts_are_never_assigned() -> None:
    vocabulary = load_vocabulary()
    assert "medtop:20000064" in vocabulary.retired  # "war crime action", retired in 2016
    model = TopicModel(vocabulary)
    for language in ("en", "de", "fr", "zh-Hans"):
        index = model.index(language)
        coded = {code for postings in index.postings.values() for code, _, _ in postings}
        assert not coded & vocabulary.retired


def test_a_story_without_topic_words_gets_no_topic(classifier: Classifier) -> None:
    result = classifier.classify(StoryText("Xyzzy plugh", ["Qwerty zxcvb asdf."], "en"))
    assert result.topics == []


def test_traditional_chinese_is_classified(classifier: Classifier) -> None:
    story = StoryText(
        "新型疫苗臨床試驗取得積極結果",
        ["醫院的醫生表示，新型疫苗在臨床試驗中顯示出良好效果，患者的感染率明顯下降。"],
        "zh-Hant",
    )
    assert classifier.classify(story).topics[0].code == "medtop:07000000"
