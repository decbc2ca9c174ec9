"""English currency words reach es, fr and pt as CLDR writes them, through Apertium's Spanish
pivot too (`pesos` was `poids` in French, `libras` became `livras` in Portuguese); words that are
also common English words stay words unless an amount with a scale word comes first."""

from __future__ import annotations

import pytest

from polywire.translate.currency_words import currency_spans
from polywire.translate.document import Translator
from polywire.translate.engines.apertium import ApertiumEngine
from polywire.translate.memory import DictMemory
from polywire.translate.router import Router


def words(sentence: str, target: str) -> list[tuple[str, str]]:
    return [(sentence[s:e], rendering) for s, e, rendering in currency_spans(sentence, target)]


def test_family_words_and_full_names_take_the_targets_cldr_words() -> None:
    sentence = "Tickets cost 40 pesos, or 2.1 million Swiss francs in all, and one rupee."
    assert words(sentence, "fr") == [
        ("pesos", "pesos"),
        ("Swiss francs", "francs suisses"),
        ("rupee", "roupie"),
    ]
    assert words(sentence, "pt")[1:] == [("Swiss francs", "francos suíços"), ("rupee", "rupia")]


def test_common_english_words_count_only_after_a_scaled_amount() -> None:
    assert words("A 3.5 billion pound budget and 2 trillion won.", "pt") == [
        ("pound", "libra"),
        ("won", "wons"),
    ]
    assert words("She won 3 races and weighs 120 pounds; real gains.", "es") == []


def test_a_word_invariant_in_english_takes_the_plural_after_a_number() -> None:
    assert words("It cost 500 yen, not one yen.", "pt") == [("yen", "ienes"), ("yen", "iene")]


def test_languages_whose_currency_words_change_otherwise_are_left_to_the_engine() -> None:
    for target in ("de", "ru", "ja", "vi", "pl", "xx", "pt-BR-x-nonsense"):
        assert currency_spans("It cost 40 pesos.", target) == []


def test_apertium_through_spanish_keeps_the_currency(apertium: ApertiumEngine) -> None:
    translator = Translator(
        Router({"apertium": apertium}, order=["apertium"], pivots=["es"]), DictMemory()
    )
    body = [
        "The peso weakened on Tuesday and the drinks cost 95 pesos each.",
        "The council spent 11.2 billion pounds on roads.",
    ]
    french = translator.translate("Peso falls", body, "en", "fr").body
    assert "poids" not in " ".join(french) and "95 pesos" in french[0], french
    portuguese = translator.translate("Peso falls", body, "en", "pt").body
    assert "libras" in portuguese[1] and "livras" not in portuguese[1], portuguese


@pytest.mark.parametrize("target", ["es", "fr", "pt"])
def test_a_company_named_after_a_currency_stays_a_name(
    apertium: ApertiumEngine, target: str
) -> None:
    translator = Translator(
        Router({"apertium": apertium}, order=["apertium"], pivots=["es"]), DictMemory()
    )
    out = translator.translate("", ["Shares of Dollar General rose on Monday."], "en", target)
    assert "Dollar General" in out.body[0], out.body
