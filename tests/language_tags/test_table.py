"""One table of tags that every reading of a tag agrees on (issue 15: six readers disagreed; two
`base_language` functions gave `zh` and `zh-Hant` for one tag, and ingest told Simplified from
Traditional Chinese with twenty characters while check used hanzidentifier)."""

from __future__ import annotations

import pytest

from polywire import language_tags as tags
from polywire.domain import BadInput

#: tag → (the wire's spelling, base language, written language, script, fallbacks)
GOOD = {
    "pt-BR": ("pt-BR", "pt", "pt", "Latn", ("pt-BR", "pt")),
    "pt_br": ("pt-BR", "pt", "pt", "Latn", ("pt-BR", "pt")),
    "zh-Hant-TW": ("zh-Hant-TW", "zh", "zh-Hant", "Hant", ("zh-Hant-TW", "zh-Hant", "zh")),
    "zh-TW": ("zh-TW", "zh", "zh-Hant", "Hant", ("zh-TW", "zh-Hant", "zh")),
    "zh-HK": ("zh-HK", "zh", "zh-Hant", "Hant", ("zh-HK", "zh-Hant", "zh")),
    "ZH_cn": ("zh-CN", "zh", "zh-Hans", "Hans", ("zh-CN", "zh-Hans", "zh")),
    "zh": ("zh", "zh", "zh-Hans", "Hans", ("zh-Hans", "zh")),
    "sr-Latn": ("sr-Latn", "sr", "sr", "Latn", ("sr-Latn", "sr")),
    "sr": ("sr", "sr", "sr", "Cyrl", ("sr",)),
    "EN": ("en", "en", "en", "Latn", ("en",)),
    "eng": ("en", "en", "en", "Latn", ("en",)),
    "spa": ("es", "es", "es", "Latn", ("es",)),
    "es-419": ("es-419", "es", "es", "Latn", ("es-419", "es")),
    "ar": ("ar", "ar", "ar", "Arab", ("ar",)),
}
BAD = ["", "  ", "english", "x", "12", "und", "en-XX", "zh--TW", "pt-BR!", "-en", "xx"]


@pytest.mark.parametrize("value", GOOD)
def test_every_reading_agrees_on_a_tag(value: str) -> None:
    spelling, base, written, script, fallbacks = GOOD[value]
    assert tags.canonical_tag(value) == tags.language_tag(value) == spelling
    assert tags.is_language_tag(value) == (value == spelling)
    assert tags.is_language_tag(spelling)
    for given in (value, spelling):  # the wire's spelling reads as the tag it came from
        assert tags.base_language(given) == base
        assert tags.written_language(given) == written
        assert tags.script_of(given) == script
        assert tags.fallbacks(given) == fallbacks
        assert tags.locale_for(given).language == base
        assert tags.cldr_key(given) == spelling.replace("-", "_")
        assert tags.same_language(given, spelling)
    assert tags.written_language(written) == written  # a written language is its own
    assert tags.is_language_tag(written) and tags.is_language_tag(base)


@pytest.mark.parametrize("value", BAD)
def test_every_reading_refuses_what_is_no_tag(value: str) -> None:
    assert tags.canonical_tag(value) is None
    assert not tags.is_language_tag(value)
    assert tags.fallbacks(value) == ()
    for reading in (
        tags.language_tag,
        tags.base_language,
        tags.written_language,
        tags.script_of,
        tags.locale_for,
        tags.cldr_key,
        tags.direction,
        tags.language_name,
        tags.regional_locales,
    ):
        with pytest.raises(BadInput):
            reading(value)
    with pytest.raises(BadInput):
        tags.same_language(value, "en")


def test_the_error_names_the_door_and_suggests_a_tag() -> None:
    with pytest.raises(BadInput, match=r"^--to english: .*did you mean 'en'\?"):
        tags.written_language("english", source="--to")


def test_same_language_tells_scripts_apart_and_ignores_regions() -> None:
    assert tags.same_language("en", "en-GB")
    assert tags.same_language("zh-Hant", "zh-Hant-TW")
    assert not tags.same_language("zh-Hans", "zh-Hant")
    assert not tags.same_language("sr-Latn", "sr-Cyrl")
    assert not tags.same_language("pt", "es")


def test_direction_and_regional_locales_are_cldr_s() -> None:
    assert [tags.direction(t) for t in ("ar", "he", "fa", "en", "zh-Hant")] == [
        "rtl",
        "rtl",
        "rtl",
        "ltr",
        "ltr",
    ]
    regional = {str(locale) for locale in tags.regional_locales("ar-EG")}
    assert {"ar", "ar_EG", "ar_SA"} <= regional


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("這是國家的問題，經過會議後發表。", "zh-Hant"),
        ("这是国家的问题，经过会议后发表。", "zh-Hans"),
        # a Traditional name quoted in a Simplified story does not turn the story
        ("这是国家的问题，经过会议后发表。《說話》", "zh-Hans"),
        ("中国人民", "zh-Hans"),  # characters both forms write: Simplified, the commoner
        ("no Chinese at all", "zh-Hans"),
    ],
)
def test_chinese_script_counts_hanzidentifier_s_characters(text: str, written: str) -> None:
    assert tags.chinese_script(text) == written


@pytest.mark.parametrize(
    ("text", "simplified", "traditional"),
    [
        ("這是國家的問題", 0, 4),  # 這 國 問 題
        ("这是国家的问题", 4, 0),
        ("这这这这這", 1, 1),  # a character written five times is one character
        ("中国人民", 1, 0),  # 国; 中 人 民 both forms write
        ("no Chinese at all", 0, 0),
    ],
)
def test_chinese_characters_counts_each_form_s_own_characters_once(
    text: str, simplified: int, traditional: int
) -> None:
    assert tags.chinese_characters(text) == (simplified, traditional)
