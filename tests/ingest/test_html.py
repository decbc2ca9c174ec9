"""The HTML path: trafilatura's body plus the cleaner's steps, and nothing unsafe let through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polywire.domain import BadInput
from polywire.ingest import extract

SAMPLES = Path(__file__).parent / "samples"


def run(name: str) -> dict[str, object]:
    return extract((SAMPLES / name).read_bytes(), source=name).to_json()


def test_agency_page_metadata_caption_dateline_and_sign_off() -> None:
    result = run("en-agency-page.html")
    assert result["headline"] == "Flood defences hold as river peaks in Riverton"
    assert result["language"] == "en"
    assert result["date"] == "2026-03-14"
    assert result["dateline"] == {"place": "RIVERTON", "source": "AP"}
    assert result["byline"] == "The Associated Press"
    assert result["credit"] == "The Associated Press"
    assert result["captions"] == [
        "Volunteers stack sandbags along the Mill Street embankment in Riverton on Friday, "
        "March 13, 2026. (Dana Lee/Courier Photo via AP)"
    ]
    body = result["body"]
    assert isinstance(body, list) and len(body) == 4
    assert body[0].startswith("Flood defences built after the disastrous floods of 2019")
    assert body[-1].startswith("About 300 people who had left homes")


def test_nothing_unsafe_reaches_any_field() -> None:
    text = json.dumps(run("en-agency-page.html"), ensure_ascii=False)
    for unsafe in ("<", "script", "track", "pixel", "onclick", "onload", "dataLayer", ".promo"):
        assert unsafe not in text
    for furniture in ("Top Stories", "Storm cuts power", "All rights reserved", "Weather"):
        assert furniture not in text


def test_release_page_in_chinese_with_wire_furniture() -> None:
    result = run("zh-release-page.html")
    assert result["headline"] == "绿能科技在苏州投产新一代储能电池工厂"
    assert result["language"] == "zh-Hans"
    assert result["date"] == "2024-05-08"
    assert result["dateline"] == {"place": "苏州", "source": "美通社"}
    assert result["sectors"] == ["能源", "制造业"]
    notices = result["notices"]
    assert isinstance(notices, list) and len(notices) == 2
    assert notices[0].startswith("关于绿能科技\n绿能科技股份有限公司成立于2010年")
    assert notices[1].startswith("免责声明")
    assert isinstance(result["body"], list) and len(result["body"]) == 4


def test_arabic_page_right_to_left() -> None:
    result = run("ar-news-page.html")
    assert result["headline"] == "المغرب يدشن أكبر مزرعة رياح في أفريقيا"
    assert result["language"] == "ar"
    assert result["dateline"] == {"place": "الرباط", "source": "رويترز"}
    assert result["byline"] == "ليلى بنعلي"
    body = result["body"]
    assert isinstance(body, list) and len(body) == 4
    assert "إعلان" not in body
    assert "الأكثر قراءة" not in json.dumps(result, ensure_ascii=False)


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ((SAMPLES / "home-page.html").read_bytes(), "no story found"),
        (
            b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
            b"<p>The requested URL was not found on this server.</p></body></html>",
            "no story found",
        ),
        (b"<html><body><script>alert(1)</script></body></html>", "no story found"),
    ],
)
def test_pages_without_an_article(page: bytes, message: str) -> None:
    with pytest.raises(BadInput) as caught:
        extract(page, source="page.html")
    assert str(caught.value).startswith("page.html: ") and message in str(caught.value)


def test_html_in_a_legacy_encoding() -> None:
    page = (SAMPLES / "en-agency-page.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("Flood defences built", "Flood défences built")
    result = extract(page.encode("cp1252", errors="replace"), source="legacy.html")
    assert result.body[0].startswith("Flood défences built")
