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
