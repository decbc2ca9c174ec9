"""Sectors follow topics and urgency; publisher choices win; names in the fifteen languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polywire.classify.classifier import Classifier, StoryText
from polywire.classify.result import TopicTag
from polywire.classify.sectors import load_sectors
from polywire.classify.urgency import urgency_of
from polywire.classify.vocabulary import load_vocabulary
from polywire.domain import BadInput
from polywire.settings.classify import ClassifySettings

TARGET_LANGUAGES = [
    "en", "vi", "ko", "ja", "ar", "zh-Hans", "zh-Hant", "th", "id", "ms", "de", "ru", "fr", "es",
    "pt",
]  # fmt: skip


def _tag(code: str) -> TopicTag:
    return TopicTag(code, code, 0.5, [])


def test_every_default_sector_is_named_in_the_fifteen_languages() -> None:
    sectors = load_sectors()
    for sector in sectors.sectors:
        assert set(TARGET_LANGUAGES) <= set(sector.names), sector.name
    assert sectors.names("ja")["Sports"] == "スポーツ"
    assert sectors.names("pt-BR")["Health"] == "Saúde"


def test_default_sector_topics_are_active_concepts() -> None:
    vocabulary = load_vocabulary()
    for sector in load_sectors().sectors:
        assert sector.topics <= set(vocabulary.concepts), sector.name


def test_deeper_topic_decides_the_sector() -> None:
    vocabulary = load_vocabulary()
    sectors = load_sectors()
    tech = [_tag("medtop:13000000"), _tag("medtop:20000756")]
    assert sectors.assign(vocabulary, tech, 5) == ["Technology"]
    assert sectors.assign(vocabulary, [_tag("medtop:13000000")], 5) == ["Science"]
    sport_breaking = [_tag("medtop:15000000")]
    assert sectors.assign(vocabulary, sport_breaking, 2) == ["Top News", "Sports"]


def test_publisher_sectors_and_regions_win() -> None:
    story = StoryText(
        "Brazil votes for a new president",
        ["Voters in Brazil elect a president on Sunday after a tense campaign."],
        "en",
        publisher_sectors=["deportes"],
        publisher_regions=["pt"],
        publisher_urgency=1,
    )
    result = Classifier().classify(story)
    assert result.sectors == ["Sports"]  # the publisher's choice, in the list's own spelling
    assert [r.code for r in result.regions] == ["PT"]
    assert result.urgency == 1
    assert result.topics[0].code == "medtop:11000000"  # topics are still the machine's


def test_a_sector_file_replaces_the_default(tmp_path: Path) -> None:
    path = tmp_path / "sectors.json"
    path.write_text(
        json.dumps({"sectors": [{"name": "Votes", "topics": ["medtop:11000000"], "names": {}}]})
    )
    story = StoryText("Elections", ["Voters elect a new parliament and government."], "en")
    result = Classifier(ClassifySettings(sectors_file=path)).classify(story)
    assert result.sectors == ["Votes"]


def test_a_bad_sector_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"sectors": [{"name": "X", "topics": ["sports"]}]}))
    with pytest.raises(BadInput, match=r"bad\.json.*medtop"):
        load_sectors(path)


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("BREAKING: Earthquake hits Tokyo", 2),
        ("Breaking: earthquake hits Tokyo", 2),
        ("Breaking news is a genre", 5),
        ("【速報】東京で地震", 1),
        ("FLASH Paris", 1),
        ("Flash floods hit the coast", 5),
        ("СРОЧНО: взрыв в порту", 2),
        ("عاجل: زلزال", 1),
        ("Quarterly results", 5),
    ],
)
def test_urgency_from_slugs(headline: str, expected: int) -> None:
    assert urgency_of(headline, ["Body."]) == expected


def test_publisher_urgency_wins() -> None:
    assert urgency_of("BREAKING: x", ["y"], publisher_urgency=6) == 6
