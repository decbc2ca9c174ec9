"""Regions from the dateline and the places named, in any language, the main one first."""

from __future__ import annotations

import pytest

from polywire.classify.places import find_regions

from .stories import STORIES, Written


@pytest.mark.parametrize("story", STORIES, ids=lambda s: f"{s.language}-{s.regions}")
def test_written_regions_are_found_main_first(story: Written) -> None:
    regions = find_regions(story.headline, story.body, story.language)
    codes = [r.code for r in regions]
    assert codes[: len(story.regions)] == list(story.regions)
    assert all(r.evidence for r in regions)


def test_dateline_place_makes_the_main_region() -> None:
    regions = find_regions(
        "Talks resume",
        ["Delegates from France and Germany met again on Tuesday in Geneva."],
        "en",
        dateline_place="GENEVA",
    )
    assert [r.code for r in regions][:3] == ["CH", "FR", "DE"]
    assert regions[0].name == "Switzerland"


def test_dateline_opening_the_first_paragraph_is_read() -> None:
    regions = find_regions(
        "Train drivers strike", ["BERLIN (Polywire) — Train drivers walked out on Monday."], "en"
    )
    assert [r.code for r in regions] == ["DE"]


def test_city_names_inside_person_names_are_not_places() -> None:
    text = ["Analysts Andrew Jackson and Victoria Lincoln said demand was strong."]
    assert find_regions("Demand grows", text, "en") == []


def test_common_words_are_not_countries() -> None:
    assert find_regions("Roast turkey recipes", ["Cook the turkey slowly."], "en") == []


def test_inflected_names_in_russian_and_german() -> None:
    assert [r.code for r in find_regions("Визит", ["Делегация прибыла из Китая."], "ru")] == ["CN"]
    found = find_regions("Besuch", ["Die Delegation aus Frankreichs Hauptstadt."], "de")
    assert [r.code for r in found] == ["FR"]


def test_demonyms_count() -> None:
    regions = find_regions("Talks", ["Brazilian and Japanese officials met."], "en")
    assert {r.code for r in regions} == {"BR", "JP"}
