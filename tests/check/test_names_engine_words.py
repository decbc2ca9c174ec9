"""A protected name the engine turned into a word is major even where the word still looks like
the name: the same letters with accents (`Video` → `Vídeo`), or a longer word the name starts
(`Inc.` → `Incubación`); a translation that spells the story's names its own way (`Nguyễn Thị
Lan`) is not."""

from __future__ import annotations

import pytest

from polywire.check import Severity, Text, check_translation


def majors(source: list[str], translation: list[str], language: str) -> list[str]:
    report = check_translation(Text("en", "", source), Text(language, "", translation))
    return [f.message for f in report.findings if f.severity == Severity.MAJOR]


@pytest.mark.parametrize(
    ("language", "source", "clean", "faulty", "word"),
    [
        (
            "es",
            "The 12MP iSight back camera takes 4K Video at 60 frames per second.",
            "La cámara trasera iSight de 12MP graba 4K Video a 60 fotogramas por segundo.",
            "La cámara trasera iSight de 12MP graba 4K Vídeo a 60 fotogramas por segundo.",
            "Vídeo",
        ),
        (
            "pt",
            "Save hundreds on the 16-inch MacBook Pro this week.",
            "Poupe centenas no MacBook Pro de 16 polegadas esta semana.",
            "Poupe centenas no MacBook Pró de 16 polegadas esta semana.",
            "Pró",
        ),
        (
            "fr",
            "The best thing about Experience is the people who work here.",
            "Ce qu'il y a de mieux chez Experience, ce sont les gens qui y travaillent.",
            "Ce qu'il y a de mieux chez Expérience, ce sont les gens qui y travaillent.",
            "Expérience",
        ),
    ],
)
def test_a_name_given_accents_it_does_not_have_is_the_engines_word(
    language: str, source: str, clean: str, faulty: str, word: str
) -> None:
    assert majors([source], [clean], language) == []
    [message] = majors([source], [faulty], language)
    assert word in message


@pytest.mark.parametrize(
    ("language", "faulty", "word"),
    [
        (
            "es",
            "Esta tienda ha sido compensada por CollectiveBias, Incubación. y su anunciante.",
            "Incubación",
        ),
        (
            "fr",
            "Cette boutique a été rémunérée par CollectiveBias, Incubation. et son annonceur.",
            "Incubation",
        ),
    ],
)
def test_a_name_inside_a_longer_word_is_not_there(language: str, faulty: str, word: str) -> None:
    source = ["This shop has been compensated by CollectiveBias, Inc. and its advertiser."]
    [message] = majors(source, [faulty], language)
    assert "Inc" in message and word in message


def test_a_translation_that_spells_the_storys_names_its_own_way_is_no_engine_word() -> None:
    source = [
        "Nguyen Thi Lan, who leads the cooperative, said the farm in Tay Ninh would open in May.",
        "Tran Van Minh, a farmer, said Lan had worked on it for years.",
    ]
    vietnamese = [
        "Bà Nguyễn Thị Lan, người đứng đầu hợp tác xã, cho biết trang trại ở Tây Ninh sẽ mở "
        "cửa vào tháng Năm.",
        "Ông Trần Văn Minh, một nông dân, cho biết bà Lan đã làm việc với nó nhiều năm.",
    ]
    assert majors(source, vietnamese, "vi") == []


@pytest.mark.parametrize(
    ("language", "source", "translation"),
    [
        (
            "es",
            "Jorge Ramirez, who runs the bakery in El Paso, said prices would rise in June.",
            "Jorge Ramírez, que dirige la panadería en El Paso, dijo que los precios subirían "
            "en junio.",
        ),
        (
            "pt",
            "The coach, Ines Nunez, said Ramirez would start on Sunday.",
            "A treinadora, Ines Núñez, disse que Ramírez começaria no domingo.",
        ),
    ],
)
def test_a_name_written_with_the_accents_its_readers_give_it_is_the_name(
    language: str, source: str, translation: str
) -> None:
    # a person or another wire spells a Spanish surname as Spanish does; only a common word of
    # the target language (`Vídeo`) can be the engine's
    assert majors([source], [translation], language) == []
