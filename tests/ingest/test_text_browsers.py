"""Pages as the text browsers lynx (`-dump -nolist`) and w3m (`-dump`) render them: list marks by
depth, teaser rails indented under their section, browser notices."""

from __future__ import annotations

import pytest

from polywire.ingest import extract
from polywire.ingest.text import units

_STORY = [
    "   ROTTERDAM (Polywire) - The Port of Rotterdam handled a record 15 million containers last "
    "year, the port authority said on Monday, as shipping lines moved cargo away from ports.",
    "   The authority expects growth to slow this year as new terminals in Hamburg and Antwerp "
    "open and trade between Europe and Asia levels off after two busy years for the shippers.",
    "   Dock workers agreed a new contract in March that raises pay by four percent over two years "
    "and adds night-shift allowances, ending the threat of strikes that had worried the shippers.",
]


def test_an_indented_teaser_link_is_not_joined_onto_the_headline_above_it() -> None:
    rail = (
        "Antwerp opens its new lock to the largest container ships in the world\n"
        "            Hamburg cuts port fees for barges moving containers inland - Photo\n"
    )
    assert units(rail) == [
        "Antwerp opens its new lock to the largest container ships in the world",
        "Hamburg cuts port fees for barges moving containers inland - Photo",
    ]


def test_a_wrapped_list_item_is_still_rejoined_under_its_mark() -> None:
    item = (
        "     * The authority expects growth to slow this year as new terminals in Hamburg\n"
        "       and Antwerp open and trade between Europe and Asia levels off after two years\n"
        "       for the shipping lines.\n"
    )
    assert units(item) == [
        "The authority expects growth to slow this year as new terminals in Hamburg and Antwerp "
        "open and trade between Europe and Asia levels off after two years for the shipping lines."
    ]


@pytest.mark.parametrize(
    "line",
    [
        "     * Business",
        "          + Business",
        "               o Business",
        "                    # Business",
        "   • Business",
        "      □ Business",
        "        ○ Business",
        "          ☆ Business",
    ],
)
def test_list_marks_of_lynx_and_w3m_are_taken_off(line: str) -> None:
    assert units(line) == ["Business"]


def test_a_lone_o_opens_an_item_only_on_an_indented_line() -> None:
    assert units("o governo anunciou o plano") == ["o governo anunciou o plano"]


@pytest.mark.parametrize(
    "notice",
    [
        "Please enable JavaScript to view the comments powered by Disqus.",
        "Media playback is unsupported on your device",
    ],
)
def test_browser_notices_are_dropped(notice: str) -> None:
    page = "\n\n".join(
        ["Port of Rotterdam handles record container volume", *_STORY[:2], notice, _STORY[2]]
    )
    body = extract(page.encode(), source="notice.txt").to_json()["body"]
    assert notice not in body
    assert body[-1] == _STORY[2].strip()


def test_a_lynx_teaser_rail_after_the_story_stays_out_of_it() -> None:
    rail = [
        "     * Business",
        "               o Markets",
        "               o Shipping",
        "            Antwerp opens its new lock to the largest container ships - Photo",
        "",
        "Antwerp opens its new lock to the largest container ships",
        "            Hamburg cuts port fees for barges moving containers inland - Photo",
        "",
        "Hamburg cuts port fees for barges moving containers inland",
    ]
    page = "\n\n".join(["Port of Rotterdam handles record container volume", *_STORY])
    page += "\n\n" + "\n".join(rail)
    body = extract(page.encode(), source="rail.txt").to_json()["body"]
    assert body[-1] == _STORY[-1].strip()
    assert not any("Antwerp opens" in paragraph for paragraph in body)


def test_a_line_printed_twice_is_not_joined_into_one_paragraph() -> None:
    alt = "   Dock workers on the quay at Rotterdam as a container ship arrives at the new terminal"
    assert units(f"{alt}\n{alt}\n") == [alt.strip(), alt.strip()]


def test_image_alt_texts_printed_twice_do_not_pull_a_teaser_rail_into_the_story() -> None:
    rail: list[str] = []
    for teaser in ("Antwerp opens its new lock", "Hamburg cuts port fees for barges"):
        alt = f"   Harbour workers watch as {teaser.lower()} in a photograph taken at dawn"
        alt += " on Monday"
        rail += [f"{alt}\n{alt}", teaser]
    story = [_STORY[0].split(" - ", 1)[1], *(paragraph.strip() for paragraph in _STORY[1:])]
    page = "\n\n".join([*rail, "Port of Rotterdam handles record container volume", *story])
    body = extract(page.encode(), source="alt.txt").to_json()["body"]
    assert body == story


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("   [crane.jpg?width=640&amp;fit=bounds] The new cranes arrive", "The new cranes arrive"),
        ("   [harbour-at-dawn.PNG]", None),
        ("   [INS: :INS]", None),
        ("   [INS: Corrected on Monday. :INS]", "Corrected on Monday."),
        ("   [ 167 comments ]", "[ 167 comments ]"),
    ],
)
def test_lynx_image_names_and_insertion_marks_are_taken_off(
    line: str, expected: str | None
) -> None:
    assert units(line) == ([] if expected is None else [expected])


def test_a_w3m_bullet_on_a_line_of_its_own_is_no_unit() -> None:
    assert units("  •  \n    Antwerp opens its new lock\n  ◦\n") == ["Antwerp opens its new lock"]


def test_a_gallery_alt_text_printed_three_times_is_not_read_as_the_story() -> None:
    alt = "Harbour workers watch a container ship arrive at the new terminal in Rotterdam on Monday"
    gallery = [alt, "Photo 1 of 3", alt, "Photo 2 of 3", alt, "Photo 3 of 3"]
    story = [_STORY[0].split(" - ", 1)[1], *(paragraph.strip() for paragraph in _STORY[1:])]
    page = "\n\n".join([*gallery, "Port of Rotterdam handles record container volume", *story])
    body = extract(page.encode(), source="gallery.txt").to_json()["body"]
    assert body == story
