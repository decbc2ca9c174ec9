"""Names changed in the translation are major findings even where the paragraph names the
same person or place again, or the name stands next to a translated common word."""

from __future__ import annotations

import pytest

from polywire.check import Severity, Text, check_translation


def majors(source: str, translation: str, language: str) -> list[str]:
    report = check_translation(Text("en", "", [source]), Text(language, "", [translation]))
    return [f.message for f in report.findings if f.severity == Severity.MAJOR]


SURNAME = (
    "The witness, Alexander Vindman, testified on Tuesday. Vindman said he was worried about "
    "the call, and Fiona Hill agreed."
)


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "es",
            "El testigo, Alexander Vindman, declaró el martes. Vindman dijo que le preocupaba la "
            "llamada, y Fiona Hill estuvo de acuerdo.",
            "El testigo, Alexander Moreau, declaró el martes. Vindman dijo que le preocupaba la "
            "llamada, y Fiona Hill estuvo de acuerdo.",
        ),
        (
            "fr",
            "Le témoin, Alexander Vindman, a témoigné mardi. Vindman a dit qu'il s'inquiétait de "
            "l'appel, et Fiona Hill était d'accord.",
            "Le témoin, Alexander Kowalski, a témoigné mardi. Vindman a dit qu'il s'inquiétait "
            "de l'appel, et Fiona Hill était d'accord.",
        ),
        (
            "pt",
            "A testemunha, Alexander Vindman, depôs na terça-feira. Vindman disse que estava "
            "preocupado com a chamada, e Fiona Hill concordou.",
            "A testemunha, Alexander Whitfield, depôs na terça-feira. Vindman disse que estava "
            "preocupado com a chamada, e Fiona Hill concordou.",
        ),
        (
            "de",
            "Der Zeuge Alexander Vindman sagte am Dienstag aus. Vindman sagte, er sei über das "
            "Gespräch besorgt gewesen, und Fiona Hill stimmte zu.",
            "Der Zeuge Alexander Moreau sagte am Dienstag aus. Vindman sagte, er sei über das "
            "Gespräch besorgt gewesen, und Fiona Hill stimmte zu.",
        ),
    ],
)
def test_a_surname_replaced_where_the_paragraph_repeats_it_is_major(
    language: str, clean: str, faulty: str
) -> None:
    assert majors(SURNAME, clean, language) == []
    [message] = majors(SURNAME, faulty, language)
    assert "Vindman" in message


PLACE = (
    "Hong Kong's Hang Seng Index (HSI) rose 1%. Hong Kong stocks have gained since, Central "
    "Avenue said."
)


@pytest.mark.parametrize(
    ("language", "clean", "faulty"),
    [
        (
            "es",
            "El Hang Seng Index (HSI) de Hong Kong subió un 1%. Las acciones de Hong Kong han "
            "subido desde entonces, dijo Central Avenue.",
            "El Hang Seng Index (HSI) de Hong Moreau subió un 1%. Las acciones de Hong Kong han "
            "subido desde entonces, dijo Central Avenue.",
        ),
        (
            "fr",
            "Le Hang Seng Index (HSI) de Hong Kong a gagné 1 %. Les actions de Hong Kong ont "
            "progressé depuis, selon Central Avenue.",
            "Le Hang Seng Index (HSI) de Hong Kong a gagné 1 %. Les actions de Hong Kong ont "
            "progressé depuis, selon Central Kowalski.",
        ),
        (
            "pt",
            "O Hang Seng Index (HSI) de Hong Kong subiu 1%. As ações de Hong Kong subiram desde "
            "então, segundo a Central Avenue.",
            "O Hang Seng Index (HSI) de Hong Whitfield subiu 1%. As ações de Hong Kong subiram "
            "desde então, segundo a Central Avenue.",
        ),
    ],
)
def test_a_place_or_street_name_with_a_part_replaced_is_major(
    language: str, clean: str, faulty: str
) -> None:
    assert majors(PLACE, clean, language) == []
    assert majors(PLACE, faulty, language) != []


AS_A_WORD = (
    "President Donald Trump said the Senate would vote on the deal. Trump, a buyer of an Apple "
    "iPad Pro, said the US Senate has the final word."
)
ES = (
    "El presidente Donald Trump dijo que el Senate votaría el acuerdo. Trump, comprador de un "
    "Apple iPad Pro, dijo que el US Senate tiene la última palabra."
)
FR = (
    "Le président Donald Trump a dit que le Senate voterait sur l'accord. Trump, acheteur d'un "
    "Apple iPad Pro, a dit que le US Senate a le dernier mot."
)
PT = (
    "O presidente Donald Trump disse que o Senate votaria o acordo. Trump, comprador de um "
    "Apple iPad Pro, disse que o US Senate tem a última palavra."
)
VI = (
    "Tổng thống Donald Trump nói Senate sẽ bỏ phiếu về thỏa thuận. Trump, người mua Apple iPad "
    "Pro, nói US Senate có tiếng nói cuối cùng."
)
DE = (
    "Präsident Donald Trump sagte, der Senate werde über das Abkommen abstimmen. Trump, Käufer "
    "eines Apple iPad Pro, sagte, der US Senate habe das letzte Wort."
)


@pytest.mark.parametrize(
    ("language", "clean", "faulty", "word"),
    [
        ("es", ES, ES.replace("Trump, comprador", "Triunfo, comprador"), "Trump"),
        ("es", ES, ES.replace("el Senate votaría", "el Senado votaría"), "Senate"),
        ("fr", FR, FR.replace("le US Senate", "le US Sénat"), "Senate"),
        ("pt", PT, PT.replace("um Apple iPad", "um Maçã iPad"), "Apple"),
        ("vi", VI, VI.replace("mua Apple iPad", "mua Táo iPad"), "Apple"),
        ("de", DE, DE.replace("der US Senate", "der US Senat"), "Senate"),
    ],
)
def test_a_name_the_translator_keeps_translated_as_a_word_is_major(
    language: str, clean: str, faulty: str, word: str
) -> None:
    """The translator keeps these names as written; a translation that renders one as a word
    (`Triunfo`, `Senado`, `Maçã`), even at a sentence's start or as a form of the same word, or
    a part of a longer name (`US Sénat`), changed a name."""
    assert majors(AS_A_WORD, clean, language) == []
    found = majors(AS_A_WORD, faulty, language)
    assert any(word in message for message in found), found


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        (
            "es",
            "La empresa pedirá en enero la aprobación de la Administración de Alimentos y "
            "Medicamentos (FDA), dijo Zelenski.",
        ),
        (
            "fr",
            "L'entreprise demandera en janvier l'accord de la Food and Drug Administration (FDA), "
            "a dit Zelensky.",
        ),
        (
            "pt",
            "A empresa pedirá em janeiro a aprovação da Food and Drug Administration (FDA), disse "
            "Zelenski.",
        ),
    ],
)
def test_a_compound_name_translated_whole_or_a_transliteration_is_no_alarm(
    language: str, translation: str
) -> None:
    source = (
        "The company will ask the Food and Drug Administration (FDA) for approval in January, "
        "Zelensky said."
    )
    assert majors(source, translation, language) == []
