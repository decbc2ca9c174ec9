"""False alarms that follow from how the translator and the languages work, not from one story:
a capitalised word the translator leaves to the engine may come back translated, a name inside a
longer name is no trace of it, a negation cue that starts a name negates nothing, French
`de ne …` is a negation, and a link without its scheme is no English left in a paragraph. Each
rule keeps the fault it must find."""

from __future__ import annotations

import pytest

from polywire.check import Severity, Text, check_translation


def majors(source: str, translation: str, language: str) -> list[str]:
    report = check_translation(Text("en", "", [source]), Text(language, "", [translation]))
    return [f.check for f in report.findings if f.severity == Severity.MAJOR]


NAVY = "Officers from the Navy said on Monday that the navy would help Musk's company."
#: language → (the engine's translation: `Navy`, which the story also writes in lower case, is
#: left to the engine and translated; the same with `Musk` translated as a word)
NAVY_TRANSLATED = {
    "es": (
        "Oficiales de la Armada dijeron el lunes que la armada ayudaría a la empresa de Musk.",
        "Oficiales de la Armada dijeron el lunes que la armada ayudaría a la empresa de Almizcle.",
    ),
    "fr": (
        "Des officiers de la Marine ont dit lundi que la marine aiderait l'entreprise de Musk.",
        "Des officiers de la Marine ont dit lundi que la marine aiderait l'entreprise de Musc.",
    ),
    "pt": (
        "Oficiais da Marinha disseram na segunda-feira que a marinha ajudaria a empresa de Musk.",
        "Oficiais da Marinha disseram na segunda-feira que a marinha ajudaria a empresa de "
        "Almíscar.",
    ),
}


@pytest.mark.parametrize("language", sorted(NAVY_TRANSLATED))
def test_a_word_the_translator_leaves_to_the_engine_may_be_translated(language: str) -> None:
    clean, faulty = NAVY_TRANSLATED[language]
    assert majors(NAVY, clean, language) == []
    assert majors(NAVY, faulty, language) == ["names"]


INSIDER = "Readers of AppleInsider said that Apple had fixed the keyboard."
INSIDER_TRANSLATED = {
    "es": (
        "Los lectores de AppleInsider dijeron que Apple había arreglado el teclado.",
        "Los lectores de AppleInsider dijeron que Manzana había arreglado el teclado.",
    ),
    "fr": (
        "Les lecteurs d'AppleInsider ont dit qu'Apple avait réparé le clavier.",
        "Les lecteurs d'AppleInsider ont dit que Pomme avait réparé le clavier.",
    ),
    "pt": (
        "Os leitores do AppleInsider disseram que a Apple tinha consertado o teclado.",
        "Os leitores do AppleInsider disseram que a Maçã tinha consertado o teclado.",
    ),
}


@pytest.mark.parametrize("language", sorted(INSIDER_TRANSLATED))
def test_a_longer_name_holding_the_name_is_no_trace_of_it(language: str) -> None:
    clean, faulty = INSIDER_TRANSLATED[language]
    assert majors(INSIDER, clean, language) == []
    assert majors(INSIDER, faulty, language) == ["names"]


CHARITY = "The group runs two programmes, including No Lean Season, and did not say how many."
CHARITY_TRANSLATED = {
    "es": (
        "El grupo dirige dos programas, entre ellos No Lean Season, y no dijo cuántos.",
        "El grupo dirige dos programas, entre ellos No Lean Season, y dijo cuántos.",
    ),
    "fr": (
        "Le groupe gère deux programmes, dont No Lean Season, et n'a pas dit combien.",
        "Le groupe gère deux programmes, dont No Lean Season, et a dit combien.",
    ),
    "pt": (
        "O grupo dirige dois programas, entre eles No Lean Season, e não disse quantos.",
        "O grupo dirige dois programas, entre eles No Lean Season, e disse quantos.",
    ),
}


@pytest.mark.parametrize("language", sorted(CHARITY_TRANSLATED))
def test_a_cue_that_starts_a_name_negates_nothing(language: str) -> None:
    clean, faulty = CHARITY_TRANSLATED[language]
    # the name left as written in the translation does not hide the negation lost
    assert majors(CHARITY, clean, language) == []
    assert majors(CHARITY, faulty, language) == ["negation"]


HEADLINE = "Minister Does Not Resign Over Report"


@pytest.mark.parametrize(
    ("language", "faulty", "body"),
    [
        ("es", "El ministro dimite por el informe", "El ministro habló el lunes."),
        ("fr", "Le ministre démissionne à cause du rapport", "Le ministre a parlé lundi."),
        ("pt", "O ministro demite-se por causa do relatório", "O ministro falou na segunda."),
    ],
)
def test_a_capitalised_cue_in_a_title_case_headline_still_negates(
    language: str, faulty: str, body: str
) -> None:
    report = check_translation(
        Text("en", HEADLINE, ["The minister spoke on Monday."]), Text(language, faulty, [body])
    )
    assert "negation" in [f.check for f in report.findings if f.severity == Severity.MAJOR]


@pytest.mark.parametrize(
    ("source", "clean", "faulty"),
    [
        (
            "He asked not to be identified and said nothing would change.",
            "Il a demandé de ne pas être identifié et a dit que rien ne changerait.",
            "Il a demandé d'être identifié et a dit que rien ne changerait.",
        ),
        (
            "She chose never to return, her lawyer said.",
            "Elle a choisi de ne jamais revenir, a dit son avocat.",
            "Elle a choisi de revenir, a dit son avocat.",
        ),
    ],
)
def test_french_de_ne_is_a_negation(source: str, clean: str, faulty: str) -> None:
    assert majors(source, clean, "fr") == []
    assert majors(source, faulty, "fr") == ["negation"]


def test_de_ne_counts_when_the_engine_garbles_the_verb() -> None:
    source = "Reducing the uncertainty of not raising tariffs would help, he said."
    garbled = "Réduire l'incertitude de ne criando tarifs douaniers aiderait, a-t-il dit."
    assert majors(source, garbled, "fr") == []


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("es", "*Min. 25 capturas pic.twitter.com/PQqbN51wBW"),
        ("fr", "*Min. 25 clics pic.twitter.com/PQqbN51wBW"),
        ("pt", "*Min. 25 chasquea pic.twitter.com/PQqbN51wBW"),
    ],
)
def test_a_link_without_its_scheme_is_no_english_left(language: str, translation: str) -> None:
    assert majors("*min. 25 snaps pic.twitter.com/PQqbN51wBW", translation, language) == []


OFFICE = "The office of Attorney General Letitia James said the Authority’s report was late."
#: language → (the engine's `’s` glued to a protected name, the name replaced as a word)
GLUED = {
    "es": (
        "La oficina de Attorney General Letitia James dijo que el informe de AuthorityEs llegó "
        "tarde.",
        "La oficina de Attorney General Letitia James dijo que el informe de Autoridad llegó "
        "tarde.",
    ),
    "fr": (
        "Le bureau d'Attorney General Letitia James a dit que le rapport d'AuthorityEst était en "
        "retard.",
        "Le bureau d'Attorney General Letitia James a dit que le rapport d'Autorité était en "
        "retard.",
    ),
    "pt": (
        "O escritório de Attorney General Letitia James disse que o relatório de AuthorityÉ "
        "estava atrasado.",
        "O escritório de Attorney General Letitia James disse que o relatório de Autoridade "
        "estava atrasado.",
    ),
}


@pytest.mark.parametrize("language", sorted(GLUED))
def test_a_name_glued_to_the_engines_next_word_is_still_the_name(language: str) -> None:
    clean, faulty = GLUED[language]
    assert majors(OFFICE, clean, language) == []
    assert majors(OFFICE, faulty, language) == ["names"]


def test_a_function_word_in_capitals_is_no_inserted_acronym() -> None:
    source = "The river rose before dawn on Friday, and the IMF sent help."
    engine = "EL río subió antes del alba el viernes, y el FMI envió ayuda."
    assert majors(source, engine, "es") == []
    assert majors(source, engine.replace("el FMI", "el FMI y la OMS"), "es") == ["names"]
