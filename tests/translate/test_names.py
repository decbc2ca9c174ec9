"""Names stay names: people, companies, tickers and places come through every engine whole, in
the target's own form where it has one, while ordinary words still get translated."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from polywire.translate.document import Translator
from polywire.translate.engines.apertium import ApertiumEngine
from polywire.translate.memory import DictMemory
from polywire.translate.names import NameReader
from polywire.translate.router import Router

from .cli import polywire

STORY = """Trump and Musk meet Taylor Swift

Donald Trump said on Monday that Elon Musk and Taylor Swift met at the New York Stock Exchange.

Musk said Navega Air and ASA would buy shares in Apple. Consumers in Germany spent more.

March was cold. The government met on Monday in London.
"""


@pytest.fixture(scope="module")
def translated(
    apertium: ApertiumEngine, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLYWIRE_")}
    env["POLYWIRE_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    env["PYTHONPATH"] = str(Path(__file__).parents[2] / "src")
    result = polywire(env, "translate", "-", "--to", "es,fr,pt", "--json", stdin=STORY)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    return {lang: "\n\n".join([t["headline"], *t["body"]]) for lang, t in out.items()}


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_names_come_back_as_written(translated: dict[str, str], language: str) -> None:
    text = translated[language]
    for name in [
        "Donald Trump",
        "Elon Musk",
        "Taylor Swift",
        "New York Stock Exchange",
        "Navega Air",
        "ASA",
        "Apple",
    ]:
        assert name in text, (name, text)
    assert text.startswith("Trump ") and "Musk " in text
    for word in ["Triunfo", "Almizcle", "Veloz", "Vencejo", "Aire", "RÔTIT"]:
        assert word not in text


@pytest.mark.parametrize(
    ("language", "local", "words"),
    [
        ("es", ["Alemania", "Londres"], ["lunes", "gobierno", "Consumidores"]),
        ("fr", ["Allemagne", "Londres"], ["lundi", "gouvernement", "Consommateurs"]),
        ("pt", ["Alemanha", "Londres"], ["segunda-feira", "governo", "Consumidores"]),
    ],
)
def test_places_take_the_local_form_and_ordinary_words_are_translated(
    translated: dict[str, str], language: str, local: list[str], words: list[str]
) -> None:
    text = translated[language]
    for word in [*local, *words]:
        assert word in text, (word, text)
    for english in ["Germany", "London", "Monday", "government", "Consumers", "The "]:
        assert english not in text


def test_segments_stay_in_place_with_names_masked(translated: dict[str, str]) -> None:
    paragraphs = translated["es"].split("\n\n")
    assert len(paragraphs) == 4
    assert "Nueva York" not in paragraphs[1] and paragraphs[1].endswith("New York Stock Exchange.")
    assert paragraphs[3].startswith("March") or paragraphs[3].startswith("Marzo")


def _names(text: str, *more: str) -> list[str]:
    reader = NameReader([text, *more], "en")
    return [name.text for name in reader.names(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("March was cold in Paris.", ["Paris"]),
        ("Monday brought rain.", []),
        ("The cat sat on the mat.", []),
        ("Consumers have spent more since October.", []),
        ("The American economy grew, Spanish officials said.", []),
        ("President Donald Trump met Apple's chief.", ["Donald Trump", "Apple"]),
        ("Shares of the London-based firm and Coca-Cola rose.", ["London", "Coca-Cola"]),
        ("The Bank of America and the iPhone maker gained 3%.", ["Bank of America", "iPhone"]),
        ("Germany said U.S. tariffs hurt.", ["Germany", "U.S."]),
        ("Taylor Swift sang.", ["Taylor Swift"]),
    ],
)
def test_what_is_a_name(sentence: str, expected: list[str]) -> None:
    assert _names(sentence) == expected


def test_a_sentence_opening_word_is_a_name_when_the_story_says_so() -> None:
    assert _names("Musk said so.") == []
    assert _names("Musk said so.", "He met Elon Musk.") == ["Musk"]


def test_a_title_case_headline_keeps_only_the_story_names() -> None:
    headline = "Apple Shares Fall After Trump Tariff Threat"
    assert _names(headline, "Donald Trump warned Apple.") == ["Apple", "Trump"]
    assert _names("SHARES FALL AFTER APPLE WARNS") == []
    biotech = "Nordlys Therapeutics Reports Positive Phase 2 Results for Rare Kidney Disease Drug"
    said = "OSLO (Polywire) – Nordlys Therapeutics ASA said its drug worked."
    assert _names(biotech, said) == ["Nordlys Therapeutics"]


def test_the_government_is_no_name_where_the_story_writes_it_in_lower_case() -> None:
    assert _names("Then the Government acted.", "The government said so.") == []
    assert _names("He met Swift.", "Taylor Swift gave a swift reply.") == ["Swift"]


def test_german_nouns_are_no_names() -> None:
    sentence = "Die Regierung traf am Montag Olaf Scholz und die Deutsche Bahn in Berlin."
    reader = NameReader([sentence], "de")
    assert [n.text for n in reader.names(sentence)] == ["Olaf Scholz", "Deutsche Bahn", "Berlin"]


def test_a_title_case_line_of_the_body_is_no_headline() -> None:
    headline = "Stars Play Big Night In Town"
    listing = "Bob Marley, Bruno Mars, Drake"
    said = "The crowd cheered when Mars sang and Marley's son played with Drake."
    reader = NameReader([headline, listing, said], "en", headline=[headline])
    assert [n.text for n in reader.names(listing)] == ["Bob Marley", "Bruno Mars", "Drake"]
    assert [n.text for n in reader.names(headline)] == []
    heading = "Mars And Drake Were Cheered"
    reader = NameReader([headline, heading, said, "They were cheered."], "en", headline=[headline])
    assert [n.text for n in reader.names(heading)] == ["Mars", "Drake"]


def test_a_title_case_list_of_the_body_is_a_list_of_names() -> None:
    # no item is a name the story writes elsewhere: a list in capitals is a list of names
    listing = "A: Harbor Light, Quiet Fox, and PaperMill"
    said = "Q: Which shops do you go to most?"
    reader = NameReader([said, listing], "en", headline=[])
    assert [n.text for n in reader.names(listing)] == ["Harbor Light", "Quiet Fox", "PaperMill"]
    # an item with a word in lower case is no name; a list of two is no list
    trip = "A: Walk between Lisbon, Porto and Sintra Hills, Far Coast"
    pair = "A: Harbor Light and Quiet Fox"
    reader = NameReader([said, trip, pair], "en", headline=[])
    assert [n.text for n in reader.names(trip)] == ["Lisbon", "Porto", "Sintra Hills", "Far Coast"]
    assert [n.text for n in reader.names(pair)] == []
    # what a colon or a dash follows is the list's label; a dash separates no items
    label = "Group C: Lisbon, Porto, Sintra Hills"
    dashes = "For a Small Fee, You Still Get Fresh Bread — Not Stale — Daily"
    reader = NameReader([said, label, dashes], "en", headline=[])
    assert [n.text for n in reader.names(label)] == ["Lisbon", "Porto", "Sintra Hills"]
    assert [n.text for n in reader.names(dashes)] == []


def test_a_listed_name_is_a_name_wherever_the_line_writes_it() -> None:
    # a dash opens a list as a colon does; an item's name is kept in the item that has a word
    # in lower case too, so that the line does not translate one `Pine Harbor` of two
    lines = [
        "The band plays two more shows this spring.",
        "May 3 -- Lakeside Arena at Pine Harbor, Pine Harbor, ME",
        "May 5 -- Granite Hall, Dover Falls, NH",
        "May 7 -- Lakeview Stage, Kingston, ON",
    ]
    reader = NameReader(lines, "en", headline=[])
    assert [n.text for n in reader.names(lines[1])] == ["Pine Harbor", "Pine Harbor", "ME"]
    assert [n.text for n in reader.names(lines[2])] == ["Granite Hall", "Dover Falls", "NH"]
    # a province's code in capitals is an acronym, not the function word it spells
    assert [n.text for n in reader.names(lines[3])] == ["Lakeview Stage", "Kingston", "ON"]
    # a capitalised function word is no code in capitals: `In October` is no item
    opening = "In October, Mayor Ann Ruiz, D-Ore."
    assert "In" not in [n.text for n in NameReader([opening], "en", headline=[]).names(opening)]


def _translate(apertium: ApertiumEngine, headline: str, body: list[str]) -> dict[str, list[str]]:
    router = Router({apertium.name: apertium}, order=[apertium.name], pivots=["es"])
    translator = Translator(router, DictMemory())
    return {
        target: translator.translate(headline, body, "en", target).body
        for target in ("es", "fr", "pt")
    }


def test_a_title_case_line_of_the_body_keeps_its_names(apertium: ApertiumEngine) -> None:
    body = ["Bob Marley, Bruno Mars, Drake", "The crowd cheered when Mars sang."]
    for target, (listing, _) in _translate(apertium, "Stars Play Big Night", body).items():
        assert listing == "Bob Marley, Bruno Mars, Drake", target


def test_a_title_case_list_of_the_body_keeps_its_names(apertium: ApertiumEngine) -> None:
    body = ["Q: Where do you eat?", "A: Harbor Light, Quiet Fox, and Green Table"]
    for target, (_, listing) in _translate(apertium, "", body).items():
        for name in ("Harbor Light", "Quiet Fox", "Green Table"):
            assert name in listing, target


@pytest.mark.parametrize(
    ("language", "apple", "musk"),
    [
        ("es", "el jefe de Apple", "las acciones de Musk"),
        ("fr", "le chef d'Apple", "les actions de Musk"),
        ("pt", "o chefe de Apple", "as acções de Musk"),
    ],
)
def test_a_possessive_of_a_name_comes_out_as_the_target_writes_it(
    apertium: ApertiumEngine, language: str, apple: str, musk: str
) -> None:
    body = ["Elon Musk met Apple's chief. Then Musk’s shares fell."]
    (text,) = _translate(apertium, "Musk meets Apple", body)[language]
    assert apple in text and musk in text, text
