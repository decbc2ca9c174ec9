"""Names read with the whole story in view: a title-case headline's common words, a sentence's
first word after a parenthesis or a quote, and a headline in capitals raise no alarm."""

from __future__ import annotations

import pytest

from polywire.check import Severity, Text, check_translation


def majors(source: Text, translation: Text) -> list[str]:
    report = check_translation(source, translation)
    return [f.message for f in report.findings if f.severity == Severity.MAJOR]


SOLAR = Text(
    "en",
    "Harbor Valley Energy Cooperative Opens 40-Megawatt Community Solar Farm",
    [
        "Harbor Valley Energy Cooperative on Tuesday opened a 40-megawatt community solar farm "
        "outside Portland, run by Maria Delgado."
    ],
)


@pytest.mark.parametrize(
    ("language", "headline", "body"),
    [
        (
            "es",
            "Harbor Valley Energy Cooperative Abre 40-Megawatt Parque Solar Comunitario",
            "Harbor Valley Energy Cooperative abrió el martes un parque solar comunitario de 40 "
            "megavatios en las afueras de Portland, dirigido por Maria Delgado.",
        ),
        (
            "fr",
            "Harbor Valley Energy Cooperative Ouvre 40-Megawatt Parc Solaire Communautaire",
            "Harbor Valley Energy Cooperative a ouvert mardi un parc solaire communautaire de 40 "
            "mégawatts près de Portland, dirigé par Maria Delgado.",
        ),
        (
            "pt",
            "Harbor Valley Energy Cooperative Abre 40-Megawatt Parque Solar Comunitário",
            "Harbor Valley Energy Cooperative abriu na terça-feira um parque solar comunitário de "
            "40 megawatts perto de Portland, dirigido por Maria Delgado.",
        ),
        (
            "de",
            "Harbor Valley Energy Cooperative Eröffnet 40-Megawatt Gemeinschafts Solar Park",
            "Harbor Valley Energy Cooperative eröffnete am Dienstag einen 40-Megawatt-Solarpark "
            "bei Portland, geleitet von Maria Delgado.",
        ),
    ],
)
def test_a_title_case_headline_holds_only_the_names_of_the_body(
    language: str, headline: str, body: str
) -> None:
    assert majors(SOLAR, Text(language, headline, [body])) == []


def test_a_name_changed_in_a_headline_in_sentence_case_is_still_major() -> None:
    translation = Text(
        "es",
        "Harbor Valley Energy Whitfield abre un parque solar comunitario de 40 megavatios",
        [
            "Harbor Valley Energy Cooperative abrió el martes un parque solar comunitario de 40 "
            "megavatios en las afueras de Portland, dirigido por Maria Delgado."
        ],
    )
    assert majors(SOLAR, translation) != []


FORD = Text(
    "en",
    "",
    [
        "His blog comments are legend. (His final one was a villanelle about King Edward IV.) "
        "Among his friends, his most prized pieces were his cards. While Ford wrote, Jordan "
        "drew the maps."
    ],
)


@pytest.mark.parametrize(
    ("language", "body"),
    [
        (
            "es",
            "Sus comentarios de blog son leyenda. (El último fue una villanela sobre el rey Edward "
            "IV.) Entre sus amigos, sus piezas más preciadas eran sus tarjetas. Mientras Ford "
            "escribía, Jordan dibujaba los mapas.",
        ),
        (
            "fr",
            "Ses commentaires de blog sont une légende. (Le dernier était une villanelle sur le "
            "roi Edward IV.) Parmi ses amis, ses pièces les plus chères étaient ses cartes. "
            "Tandis que Ford écrivait, Jordan dessinait les cartes.",
        ),
        (
            "pt",
            "Os seus comentários de blog são lenda. (O último foi uma vilanela sobre o rei Edward "
            "IV.) Entre os seus amigos, as suas peças mais queridas eram os seus cartões. "
            "Enquanto Ford escrevia, Jordan desenhava os mapas.",
        ),
        (
            "vi",
            "Những bình luận trên blog của ông là huyền thoại. (Bài cuối cùng là một bài thơ về "
            "vua Edward IV.) Trong số bạn bè, món quý nhất của ông là những tấm thiệp. Trong khi "
            "Ford viết, Jordan vẽ bản đồ.",
        ),
    ],
)
def test_a_sentence_first_word_after_a_parenthesis_is_no_name(language: str, body: str) -> None:
    assert majors(FORD, Text(language, "", [body])) == []


SHOUTED = Text(
    "en",
    "WHAT IS A BLACK HOLE? NASA EXPLAINS",
    ["A black hole is a place where gravity pulls so much that light cannot get out, NASA says."],
)


@pytest.mark.parametrize(
    ("language", "headline", "body"),
    [
        (
            "fr",
            "QU'EST-CE QU'UN TROU NOIR ? LA NASA EXPLIQUE",
            "Un trou noir est un endroit où la gravité est si forte que la lumière ne peut pas en "
            "sortir, selon la NASA.",
        ),
        (
            "es",
            "¿QUÉ ES UN AGUJERO NEGRO? LA NASA LO EXPLICA",
            "Un agujero negro es un lugar donde la gravedad atrae tanto que la luz no puede "
            "salir, dice la NASA.",
        ),
        (
            "pt",
            "O QUE É UM BURACO NEGRO? A NASA EXPLICA",
            "Um buraco negro é um lugar onde a gravidade puxa tanto que a luz não consegue sair, "
            "diz a NASA.",
        ),
        (
            "de",
            "WAS IST EIN SCHWARZES LOCH? DIE NASA ERKLÄRT ES",
            "Ein schwarzes Loch ist ein Ort, an dem die Schwerkraft so stark zieht, dass kein "
            "Licht entkommen kann, sagt die NASA.",
        ),
    ],
)
def test_words_of_a_headline_in_capitals_are_no_acronyms(
    language: str, headline: str, body: str
) -> None:
    assert majors(SHOUTED, Text(language, headline, [body])) == []


def test_an_acronym_added_to_a_headline_in_capitals_is_still_major() -> None:
    translation = Text(
        "fr",
        "QU'EST-CE QU'UN TROU NOIR ? LA NASA EXPLIQUE",
        [
            "Un trou noir est un endroit où la gravité est si forte que la lumière ne peut pas "
            "en sortir, selon la NASA et le FMI."
        ],
    )
    assert majors(SHOUTED, translation) != []


def test_a_title_case_list_of_the_body_holds_names_as_the_translator_reads_it() -> None:
    # the translator keeps a list's items whole (`translate.names`): a part of one that comes
    # back translated is major, as in a sentence
    said = "Q: Which shops do you go to most?"
    source = Text("en", "", [said, "A: Harbor Light, Quiet Fox, and PaperMill"])
    asked = "P: ¿A qué tiendas vas más?"
    kept = Text("es", "", [asked, "R: Harbor Light, Quiet Fox y PaperMill"])
    changed = Text("es", "", [asked, "R: Harbor Luz, Quiet Fox y PaperMill"])
    assert majors(source, kept) == []
    [message] = majors(source, changed)
    assert "Luz" in message
