"""The scraped-text cleaner on pages written for these tests, one per kind of clutter and script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from polywire.ingest import extract

SAMPLES = Path(__file__).parent / "samples"


def run(name: str) -> dict[str, Any]:
    return extract((SAMPLES / name).read_bytes(), source=name).to_json()


def flat(result: dict[str, Any]) -> str:
    return "\n".join(result["body"])


def test_english_agency_copy_with_every_kind_of_clutter() -> None:
    result = run("en-ap-scraped.txt")
    assert result["headline"] == "Moscow opens its first driverless tram line"
    assert result["language"] == "en"
    assert result["date"] == "2024-05-08"
    assert result["dateline"] == {"place": "MOSCOW", "source": "AP"}
    assert result["byline"] == "The Associated Press"
    assert result["credit"] == "The Associated Press"
    assert len(result["captions"]) == 1
    assert result["captions"][0].endswith("(Ivan Petrov/Northwind Photo via AP)")
    assert result["body"][0].startswith("Moscow opened its first driverless tram line on Wednesday")
    assert result["body"][-1].startswith("The city plans to convert two more tram lines")
    assert len(result["body"]) == 4
    for clutter in ("Advertisement", "Top Stories", "4h ago", "Heat wave", "Share", "Posted"):
        assert clutter not in flat(result)
    assert result["sectors"] == [] and result["notices"] == []


def test_russian_tass_dateline_and_teasers() -> None:
    result = run("ru-tass-scraped.txt")
    assert result["headline"] == "В Казани открыли крупнейший в регионе завод электробусов"
    assert result["language"] == "ru"
    assert result["date"] == "2024-05-08T14:30"
    assert result["dateline"] == {"place": "КАЗАНЬ", "source": "ТАСС", "date": "--05-08"}
    assert result["body"][0].startswith("Первый в Поволжье завод")
    assert result["body"][-1].startswith("Первые 50 машин")
    assert "Читайте также" not in flat(result)
    assert "Поделиться" not in flat(result) and "назад" not in flat(result)


def test_chinese_xinhua_dateline_reporter_and_editor_line() -> None:
    result = run("zh-xinhua-scraped.txt")
    assert result["headline"] == "深圳地铁16号线二期开通运营"
    assert result["language"] == "zh-Hans"
    assert result["date"] == "2024-05-08T10:30"
    assert result["dateline"] == {"place": "深圳", "source": "新华社", "date": "--05-08"}
    assert result["byline"] == "李明"
    assert result["body"][0].startswith("深圳地铁16号线二期工程8日正式开通运营")
    assert len(result["body"]) == 3
    assert "责任编辑" not in flat(result) and "来源" not in flat(result)


def test_arabic_byline_timestamp_and_advertisement() -> None:
    result = run("ar-reuters-scraped.txt")
    assert result["headline"] == "مصر تفتتح أكبر محطة لتحلية مياه البحر في المنطقة"
    assert result["language"] == "ar"
    assert result["date"] == "2024-05-08T14:30"
    assert result["dateline"] == {"place": "القاهرة", "source": "رويترز"}
    assert result["byline"] == "سارة حسن"
    assert len(result["body"]) == 4
    assert "إعلان" not in result["body"]
    assert "الأكثر قراءة" not in flat(result)


def test_thai_buddhist_era_date_and_unpunctuated_paragraphs() -> None:
    result = run("th-scraped.txt")
    assert result["headline"] == "กรุงเทพฯ เปิดเส้นทางเรือไฟฟ้าสายใหม่ในคลองแสนแสบ"
    assert result["language"] == "th"
    assert result["date"] == "2024-05-08T10:30"
    assert result["dateline"] == {"place": "กรุงเทพฯ", "source": "รอยเตอร์"}
    assert result["byline"] == "สมชาย ใจดี"
    assert len(result["body"]) == 3
    assert "แชร์" not in result["body"] and "ที่แล้ว" not in flat(result)


def test_vietnamese_weekday_date_and_see_also_line() -> None:
    result = run("vi-scraped.txt")
    assert result["headline"] == "Hà Nội khánh thành tuyến metro thứ hai"
    assert result["language"] == "vi"
    assert result["date"] == "2024-05-08T10:30"
    assert result["dateline"] == {"place": "HÀ NỘI", "source": "AP"}
    assert len(result["body"]) == 4
    assert result["body"][0].startswith("Tuyến đường sắt đô thị thứ hai")
    assert "Xem thêm" not in flat(result) and "Tin liên quan" not in flat(result)


def test_redistributed_release_keeps_its_german_furniture_as_notices() -> None:
    result = run("de-release-redistributed.txt")
    assert result["headline"] == "Solarhersteller eröffnet neues Werk in Sachsen"
    assert result["language"] == "de"
    assert result["dateline"] == {"place": "DRESDEN", "source": "BrandWire"}
    assert len(result["body"]) == 3
    assert result["sectors"] == ["Energie", "Industrie", "Umwelt"]
    notices = result["notices"]
    assert [n.split("\n")[0] for n in notices] == [
        "Über Sonnfeld AG",
        "Pressekontakt:",
        notices[2].split("\n")[0],
        "Über BrandWire",
    ]
    assert "Inhalt dieser Pressemitteilung" in notices[2]
    assert "presse@sonnfeld.example" in notices[1]
    assert not any("Sonnfeld AG mit Sitz" in p for p in result["body"])


@pytest.mark.parametrize(
    ("text", "place", "source", "opening"),
    [
        ("LONDON, May 8 (Reuters) - Shares rose.", "LONDON", "Reuters", "Shares rose."),
        ("(BrandWire) – Acme launched a robot.", None, "BrandWire", "Acme launched a robot."),
        ("PORTLAND, Ore. (AP) — The city voted.", "PORTLAND, Ore.", "AP", "The city voted."),
        ("МОСКВА, 8 мая — РИА Новости. Рубль вырос.", "МОСКВА", "РИА Новости", "Рубль вырос."),
        ("Hà Nội, 8/5 (TTXVN) - Giá vàng tăng.", "Hà Nội", "TTXVN", "Giá vàng tăng."),
        ("MADRID, 8 de mayo /PRNewswire/ -- Acme abre.", "MADRID", "PRNewswire", "Acme abre."),
    ],
)
def test_dateline_styles(text: str, place: str | None, source: str, opening: str) -> None:
    page = f"A headline for the test\n\n{text} " + "More words in this paragraph. " * 5
    result = extract(page.encode(), source="t.txt").to_json()
    dated = "8 " in text or "May 8" in text  # an all-figures date (8/5) is not read
    assert result["dateline"] == {"place": place, "source": source} | (
        {"date": "--05-08"} if dated else {}
    )
    assert result["body"][0].startswith(opening)


def test_hard_wrapped_text_is_rejoined_and_markdown_marks_dropped() -> None:
    page = (
        "# Port of Rotterdam handles record container volume\n\n"
        "ROTTERDAM (Polywire) - The Port of Rotterdam handled a record 15 million containers\n"
        "last year, the port authority said on Monday, as shipping lines moved cargo away\n"
        "from congested ports elsewhere in Europe.\n\n"
        "* The authority expects **growth** to slow this year, [its report](https://x.eg) said.\n"
    )
    result = extract(page.encode(), source="wrapped.txt").to_json()
    assert result["headline"] == "Port of Rotterdam handles record container volume"
    assert result["body"][0].startswith("The Port of Rotterdam handled a record 15 million")
    assert result["body"][0].endswith("elsewhere in Europe.")
    assert result["body"][1] == "The authority expects growth to slow this year, its report said."


def test_single_mark_italics_are_dropped_but_underscores_inside_words_stay() -> None:
    page = (
        "# Dock workers end strike at the port of Antwerp\n\n"
        "ANTWERP (Polywire) - Dock workers ended a two-day strike on Tuesday after the port\n"
        "authority agreed to raise night-shift pay, the union said.\n\n"
        "_The strike halted about 300 ships_, according to the *port_watch* tracker.\n\n"
        "____\n"
    )
    result = extract(page.encode(), source="italics.txt").to_json()
    assert (
        result["body"][1]
        == "The strike halted about 300 ships, according to the port_watch tracker."
    )
    assert len(result["body"]) == 2


_PARAGRAPHS = [
    "ROTTERDAM (Polywire) - The Port of Rotterdam handled a record 15 million containers last "
    "year, the port authority said on Monday, as shipping lines moved cargo away from ports.",
    "The authority expects growth to slow this year as new terminals in Hamburg and Antwerp open "
    "and trade between Europe and Asia levels off after two busy years for the shipping lines.",
    "Dock workers agreed a new contract in March that raises pay by four percent over two years "
    "and adds night-shift allowances, ending the threat of strikes that had worried the shippers.",
    "The port plans to spend 800 million euros on automated cranes and a new rail link to the "
    "German border by 2028, its chief executive told reporters at the annual results briefing.",
]


def test_a_widget_after_the_story_ends_it_but_a_teaser_box_inside_does_not() -> None:
    teasers = ["Related", "Antwerp opens its new lock", "Hamburg cuts port fees for barges"]
    comments = [
        "Comments",
        "Jan on May 8, 2024 at 4:41 pm said:",
        "I have worked at the port for thirty years and I have never seen it this busy before, "
        "honestly it is about time they built the rail link that they have promised for so long.",
        "Reply",
    ]
    units = ["Port of Rotterdam handles record container volume", *_PARAGRAPHS[:2], *teasers]
    page = "\n\n".join([*units, *_PARAGRAPHS[2:], *comments])
    body = extract(page.encode(), source="widgets.txt").to_json()["body"]
    assert body[-1] == _PARAGRAPHS[-1]
    assert all(paragraph in body for paragraph in _PARAGRAPHS[1:])
    assert not any("thirty years" in paragraph or "said:" in paragraph for paragraph in body)


def test_lone_words_between_paragraphs_are_dropped_from_scraped_text() -> None:
    page = "\n\n".join(
        [
            "Port of Rotterdam handles record container volume",
            _PARAGRAPHS[0],
            "Caption",
            "Close",
            _PARAGRAPHS[1],
            "Facebook",
            _PARAGRAPHS[2],
        ]
    )
    body = extract(page.encode(), source="labels.txt").to_json()["body"]
    assert body == [_PARAGRAPHS[0].split(" - ", 1)[1], *_PARAGRAPHS[1:3]]


@pytest.mark.parametrize(
    "heading", ["Next Up In Business", "More Great Polywire Stories", "Top Rated Comments"]
)
def test_teaser_and_comment_headings_close_a_scraped_story(heading: str) -> None:
    after = [
        heading,
        "Antwerp opens its new lock",
        "I have worked at the port for thirty years and I have never seen it this busy before, "
        "honestly it is about time they built the rail link that they have promised for so long.",
    ]
    page = "\n\n".join(["Port of Rotterdam handles record container volume", *_PARAGRAPHS, *after])
    body = extract(page.encode(), source="teasers.txt").to_json()["body"]
    assert body[-1] == _PARAGRAPHS[-1]


def test_a_wire_credits_line_in_italics_is_the_sign_off() -> None:
    credits = "(_Reporting by Jo Lee in Rotterdam; Editing by Al Po and Kim Berg_)"
    page = "\n\n".join(
        ["Port of Rotterdam handles record container volume", *_PARAGRAPHS, credits, "Share"]
    )
    result = extract(page.encode(), source="credits.txt").to_json()
    assert result["body"][-1] == _PARAGRAPHS[-1]
    assert result["credit"] == "(Reporting by Jo Lee in Rotterdam; Editing by Al Po and Kim Berg)"
