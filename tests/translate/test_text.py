"""Segmentation, protection and quotation marks: the text handling around every engine."""

from __future__ import annotations

import pytest

from polywire.translate import quotes, segment
from polywire.translate.languages import in_script
from polywire.translate.protect import Protector, unmask
from polywire.translate.validate import problem


@pytest.mark.parametrize(
    ("language", "text", "count"),
    [
        ("en", 'Mr. Smith went to Washington. He said "Hi." Then he left!', 3),
        ("vi", "Ông Nam nói. Bà ấy đồng ý! Thế là xong.", 3),
        ("ja", "今日は晴れです。明日は雨でしょう。", 2),
        ("zh-Hans", "今天天气很好。明天会下雨吗？是的。", 3),
        ("ko", "안녕하세요. 반갑습니다.", 2),
        ("id", "Pemerintah mengumumkan rencana. Rencana itu disambut baik.", 2),
    ],
)
def test_sentences_in_many_languages(language: str, text: str, count: int) -> None:
    found = segment.sentences(text, language)
    assert len(found) == count
    assert segment.join(found, language).replace(" ", "") == text.replace(" ", "")


def test_empty_paragraph_has_no_sentences() -> None:
    assert segment.sentences("  \n ", "en") == []


def test_protection_masks_urls_emails_brand_and_glossary() -> None:
    protector = Protector(["Polywire", "Acme Cloud"], {"press release": "comunicado de prensa"})
    text = (
        "Polywire sent the press release about Acme Cloud to press@acme.example "
        "(see https://acme.example/news?id=4)."
    )
    masked = protector.mask(text)
    assert masked.text == "⟦1⟧ sent the ⟦2⟧ about ⟦3⟧ to ⟦4⟧ (see ⟦5⟧)."
    assert masked.slots == (
        "Polywire",
        "comunicado de prensa",
        "Acme Cloud",
        "press@acme.example",
        "https://acme.example/news?id=4",
    )
    assert unmask("⟦1⟧ envió el ⟦2⟧ sobre ⟦3⟧ a ⟦4⟧ (ver ⟦5⟧).", masked) == (
        "Polywire envió el comunicado de prensa sobre Acme Cloud a press@acme.example "
        "(ver https://acme.example/news?id=4)."
    )


def test_protection_leaves_words_that_only_contain_a_term() -> None:
    assert Protector(["Acme"]).mask("Acmeville and Acme.").text == "Acmeville and ⟦1⟧."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Er sagte „gut ‚sehr‘ gut“ heute."),
        ("es", "Er sagte «gut “sehr” gut» heute."),
        ("fr", "Er sagte «\u202fgut «\u202fsehr\u202f» gut\u202f» heute."),
        ("ja", "Er sagte 「gut 『sehr』 gut」 heute."),
        ("zh-Hant", "Er sagte 「gut 『sehr』 gut」 heute."),
        ("en", "Er sagte “gut ‘sehr’ gut” heute."),
    ],
)
def test_quotes_take_the_cldr_style_of_the_target(language: str, expected: str) -> None:
    assert quotes.restyle('Er sagte "gut „sehr“ gut" heute.', language) == expected


def test_quotes_that_do_not_pair_are_left_alone() -> None:
    assert quotes.restyle('He said "yes and left.', "de") == 'He said "yes and left.'
    assert quotes.restyle("« bonjour » dit-il", "en") == "“bonjour” dit-il"


def test_garbage_is_recognised() -> None:
    assert problem("The plan was approved today.", "", "en", "es") == "empty translation"
    assert problem("The plan was approved today.", "The plan was approved today.", "en", "es")
    assert problem("Visit ⟦1⟧ today, he said.", "Visita hoy, dijo.", "en", "es")
    assert problem("The plan was approved.", "Планы утверждены.", "en", "es")
    assert problem("The plan was approved.", "計画は承認された。", "en", "ja") is None
    assert problem("John Smith.", "John Smith.", "en", "es") is None
    assert in_script("Hola Polywire", "es")


def test_french_de_elides_before_a_name_opening_with_a_vowel() -> None:
    masked = Protector().mask("Apple met Musk.", [(0, 5, "Apple"), (10, 14, "Musk")])
    translated = "De ⟦1⟧ et de ⟦2⟧, le chef de ⟦1⟧."
    assert unmask(translated, masked, "fr") == "D'Apple et de Musk, le chef d'Apple."
    assert unmask(translated, masked, "pt") == "De Apple et de Musk, le chef de Apple."
