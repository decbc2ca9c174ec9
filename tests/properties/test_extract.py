"""Extraction of any input: a story draft or a `BadInput` naming the input, never a crash.

Inputs are arbitrary bytes, arbitrary text in the encodings pages arrive in, and pages built from
the pieces real ones are made of (headlines, datelines, "Posted …" lines, weekday and month names,
"About …" paragraphs, HTML with broken nesting, ninjs with wrong types), salted with what breaks
parsers: mixed scripts, direction marks, zero-width characters, very long lines, blank lines and
NULs. Lone surrogates are left out: refusing them at every door is another change's work.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from polywire.domain import BadInput, Extraction
from polywire.ingest import extract
from polywire.ingest.feeds.parse import parse_feed
from properties.budget import PROPERTIES, examples

SOURCE = "page.txt"
#: The simple BCP 47 form the wire stores and routes on (`fr`, `pt-BR`, `zh-Hant`, `es-419`).
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?")

#: Any character but a lone surrogate (see the module docstring).
CHARACTERS = st.characters(exclude_categories=["Cs"])
NOISE = st.sampled_from(
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202e",
     "\u061c", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\t", "\r", "\u2028", "\u3000",
     "\n\n\n\n", " " * 40]
)  # fmt: skip
WORDS = st.sampled_from(
    ["the", "company", "said", "on", "Monday", "million", "shares", "rose", "percent", "plant",
     "Acme", "Ltd", "government", "minister", "announced", "new", "rules", "for", "markets",
     "компания", "заявила", "в", "понедельник", "公司", "周一", "宣布", "الشركة", "أعلنت", "يوم",
     "บริษัท", "ประกาศ", "công", "ty", "cho", "biết", "会社", "発表", "회사", "발표했다",
     "1,5", "млн", "10万", "$39,014", "٣٬٥", "2026", "May", "8"]
)  # fmt: skip
WEEKDAYS_AND_MONTHS = st.sampled_from(
    ["Monday", "Tuesday", "Sunday", "January", "May", "December", "понедельник", "мая",
     "lundi", "mai", "Montag", "Mai", "星期一", "5月8日", "الاثنين", "مايو", "วันจันทร์",
     "Thứ Hai", "tháng 5"]
)  # fmt: skip


@st.composite
def sentence(draw: st.DrawFn, *, min_words: int = 3, max_words: int = 30) -> str:
    words = draw(st.lists(WORDS, min_size=min_words, max_size=max_words))
    return " ".join(words) + draw(st.sampled_from([".", "!", "?", "。", "", ".”", "؟"]))


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=4)))


@st.composite
def dateline(draw: st.DrawFn) -> str:
    place = draw(st.sampled_from(["MOSCOW", "LONDON, May 8", "Hà Nội", "القاهرة", "МОСКВА, 8 мая.",
                                  "", "NEW YORK", "BRUSSELS", "x" * 70]))  # fmt: skip
    agency = draw(st.sampled_from(["AP", "Reuters", "Polywire", "رويترز", "", "((", "ТАСС"]))
    dash = draw(st.sampled_from(["—", "–", "-", "--", "―", "——"]))
    style = draw(st.integers(0, 3))
    if style == 0:
        return f"{place} ({agency}) {dash} "
    if style == 1:
        return f"{place} /{agency}/. "
    if style == 2:
        return f"新华社北京{draw(st.integers(1, 12))}月{draw(st.integers(1, 31))}日电（记者 张三）"
    return f"{place}, {draw(st.integers(1, 31))} мая {dash} РИА Новости. "


@st.composite
def piece(draw: st.DrawFn) -> str:
    """One line of a scraped page."""
    kind = draw(st.integers(0, 11))
    if kind == 0:
        return draw(sentence(min_words=2, max_words=12)).rstrip(".!?。")  # a headline
    if kind == 1:
        return draw(dateline()) + draw(paragraph())
    if kind == 2:
        day = draw(WEEKDAYS_AND_MONTHS)
        return f"Posted {day} {draw(st.integers(0, 40))}, 2026 {draw(st.integers(0, 25))}:07 GMT"
    if kind == 3:
        return f"About {draw(st.sampled_from(['Acme', 'Polywire', '', 'X' * 300]))}"
    if kind == 4:
        return draw(
            st.sampled_from(
                [
                    "By Jane Doe",
                    "Reporting by Jane Doe; Editing by Jo Bloggs",
                    "Sectors: Energy, Finance",
                    "Share",
                    "Related",
                    "Most Read",
                    "© 2026 Acme",
                    "404",
                    "Page not found",
                    "Advertisement",
                    "Next Up In",
                    "Top Rated Comments",
                    "###",
                    "***",
                    "_x_",
                ]
            )
        )
    if kind == 5:
        return draw(WEEKDAYS_AND_MONTHS) + " " + draw(WEEKDAYS_AND_MONTHS)
    if kind == 6:
        return draw(st.text(CHARACTERS, max_size=80))
    if kind == 7:
        return draw(sentence(min_words=200, max_words=400))  # a very long line
    if kind == 8:
        return "\n" * draw(st.integers(2, 30))
    return draw(paragraph())


@st.composite
def salted(draw: st.DrawFn, text: str) -> str:
    """`text` with noise characters put in at a few places."""
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(NOISE) + text[at:]
    return text


@st.composite
def scraped_page(draw: st.DrawFn) -> str:
    lines = draw(st.lists(piece(), min_size=1, max_size=14))
    return draw(salted("\n".join(lines)))


#: Tags, some opened and never closed, some closed and never opened.
TAGS = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<h2>", "</h3>", "<li>", "<ul>", "<br>",
     "<table><tr><td>", "</td>", "<figure><figcaption>", "</figcaption>", "<b><i>", "</b>",
     "<script>alert(1)</script>", "<!--", "-->", "<![CDATA[", "<a href='javascript:x'>", "</a>",
     "<meta name='author' content='Jane Doe'>", "<title>", "</title>", "&amp;", "&#0;", "&bogus;",
     "<article>", "</article>", "<svg onload=alert(1)>", "<span class='byline'>", "<", ">"]
)  # fmt: skip


@st.composite
def html_page(draw: st.DrawFn) -> str:
    parts = ["<html><head><title>", draw(piece()), "</title></head><body>"]
    for _ in range(draw(st.integers(0, 12))):
        parts.append(draw(TAGS))
        parts.append(draw(piece()))
    return draw(salted("".join(parts)))


def json_value(text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """Any JSON value, with strings from `text`: where ninjs wants one type, another."""
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
        max_leaves=6,
    )


@st.composite
def ninjs_document(draw: st.DrawFn) -> str:
    """A ninjs 2.1 or 3.0 document, sometimes with a field of the wrong type or shape."""
    v3 = draw(st.booleans())
    text = st.one_of(piece(), st.text(CHARACTERS, max_size=30))
    body = draw(st.one_of(html_page(), scraped_page()))
    document: dict[str, Any] = {
        "uri": "urn:example:1",
        "standard": {"name": "ninjs", "version": "3.0" if v3 else "2.1"},
        "headlines": [{"role": "main", "value": draw(text)}],
        "bodies": [{"role": "main", "contentType" if v3 else "contenttype": "text/html",
                    "value": body}],
        "language": draw(st.sampled_from(["en", "en-gb", "zh_Hant", "EN", "x", "", "English"])),
        "versionCreated" if v3 else "versioncreated": "2026-05-08T09:00:00Z",
        "located": draw(text),
        "by": draw(text),
        "subjects": [{"name": draw(text), "rel": "sector"}],
        "descriptions": [{"role": "caption", "value": draw(text)}],
    }  # fmt: skip
    for key in draw(st.lists(st.sampled_from(sorted(document)), max_size=2, unique=True)):
        document[key] = draw(json_value(st.text(CHARACTERS, max_size=10)))
    return json.dumps(document, ensure_ascii=draw(st.booleans()))


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1251"])


@st.composite
def encoded(draw: st.DrawFn, text: st.SearchStrategy[str]) -> bytes:
    return draw(text).encode(draw(ENCODINGS), errors="replace")


STORY = (
    "The company said on Monday it would open a new plant in the north of the country, "
    "employing 500 people."
)


def ninjs(body: str, **fields: str) -> bytes:
    headlines = [{"role": "main", "value": "Acme opens a plant"}]
    bodies = [{"role": "main", "contenttype": "text/html", "value": body}]
    return json.dumps({"uri": "u", "headlines": headlines, "bodies": bodies, **fields}).encode()


def extract_or_refuse(data: bytes, language: str | None = None) -> Extraction | None:
    """The extraction of `data`, checked; None when it was refused with a clear error."""
    try:
        result = extract(data, source=SOURCE, language=language)
    except BadInput as error:
        # named after the input, or after the language the caller gave with it
        named = (f"{SOURCE}: ", "language ") if language is not None else (f"{SOURCE}: ",)
        assert str(error).startswith(named) and error.problem.strip()
        assert 400 <= error.status < 500
        return None
    assert isinstance(result, Extraction)
    assert isinstance(result.headline, str) and result.headline.strip()
    assert result.body and all(isinstance(p, str) and p.strip() for p in result.body)
    for text in extracted_texts(result):
        assert isinstance(text, str)
        controls = [c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"]
        assert not controls, f"control characters {controls!r} in {text!r}"
    assert LANGUAGE_TAG.fullmatch(result.language), result.language
    assert extract(data, source=SOURCE, language=language).to_json() == result.to_json()
    return result


def extracted_texts(result: Extraction) -> list[str]:
    dateline = [result.dateline.place, result.dateline.source] if result.dateline else []
    optional = [result.byline, result.credit, result.date, *dateline]
    return [
        result.headline,
        *result.body,
        *result.captions,
        *result.sectors,
        *result.notices,
        *[text for text in optional if text is not None],
    ]


@hypothesis_settings(PROPERTIES, max_examples=examples(150))
@given(st.binary(max_size=3000))
def test_any_bytes(data: bytes) -> None:
    extract_or_refuse(data)


@hypothesis_settings(PROPERTIES, max_examples=examples(150))
@given(encoded(st.text(CHARACTERS, max_size=2000)))
def test_any_text_in_any_encoding(data: bytes) -> None:
    extract_or_refuse(data)


@hypothesis_settings(PROPERTIES, max_examples=examples(120))
@given(encoded(scraped_page()))
@example(f"Acme opens a plant\n\nMOSCOW (AP) \u2014 \x07{STORY}\x1b It said more.".encode())
def test_scraped_pages(data: bytes) -> None:
    extract_or_refuse(data)


@hypothesis_settings(PROPERTIES, max_examples=examples(60))
@given(encoded(html_page()))
@example(  # a NUL and a vertical tab past the 8 KB that decoding looks at for binary input
    f"<html><title>Acme opens a plant</title><p>{STORY * 90}</p><p>\x00\x0b{STORY}</p>".encode()
)
def test_html_pages(data: bytes) -> None:
    extract_or_refuse(data)


@hypothesis_settings(PROPERTIES, max_examples=examples(60))
@given(ninjs_document().map(lambda document: document.encode("utf-8")))
@example(ninjs(STORY + "\u000b"))  # lxml refused the vertical tab
@example(ninjs(f"<p>{STORY}</p>", language="English"))
@example(ninjs(f"<p>{STORY}</p>", located="\x1f", versioncreated="\x00"))
def test_ninjs_documents(data: bytes) -> None:
    extract_or_refuse(data)


@hypothesis_settings(PROPERTIES, max_examples=examples(40))
@given(
    encoded(scraped_page()),
    st.sampled_from(["en", "pt-BR", "zh-Hant", "es-419"]) | st.text(CHARACTERS, max_size=12),
)
@example(f"Acme opens a plant\n\nMOSCOW (AP) \u2014 {STORY}".encode(), "0")
def test_a_given_language(data: bytes, language: str) -> None:
    extract_or_refuse(data, language)


def test_a_language_tag_is_written_the_wire_way_or_refused() -> None:
    page = f"Acme opens a plant\n\nMOSCOW (AP) \u2014 {STORY}".encode()
    assert extract(page, source=SOURCE, language="zh_hant_tw").language == "zh-Hant-TW"
    assert extract(ninjs(f"<p>{STORY}</p>", language="en_gb"), source=SOURCE).language == "en-GB"
    with pytest.raises(BadInput, match=r"language English: not a BCP 47 language tag"):
        extract(ninjs(f"<p>{STORY}</p>", language="English"), source=SOURCE)
    with pytest.raises(BadInput, match=r"^language 0: not a BCP 47 language tag"):
        extract(page, source=SOURCE, language="0")


MOMENTS = st.sampled_from(
    ["2026-05-08T09:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "May 8",
     "Mon, 01 Jan 0001 00:00:00 +0100", "Fri, 31 Dec 9999 23:59:59 -0100", "", "2026-13-45"]
)  # fmt: skip


@st.composite
def json_feed(draw: st.DrawFn) -> bytes:
    """A JSON Feed whose items hold pages, and sometimes a value of the wrong type."""
    items = []
    for _ in range(draw(st.integers(0, 3))):
        item: dict[str, Any] = {
            "id": draw(st.text(CHARACTERS, max_size=8)),
            "url": "https://example.com/1",
            "title": draw(piece()),
            draw(st.sampled_from(["content_html", "content_text"])): draw(html_page()),
            draw(st.sampled_from(["date_modified", "date_published"])): draw(MOMENTS),
        }
        for key in draw(st.lists(st.sampled_from(sorted(item)), max_size=2, unique=True)):
            item[key] = draw(json_value(st.text(CHARACTERS, max_size=10)))
        items.append(item)
    feed = {"version": "https://jsonfeed.org/version/1.1", "language": draw(st.text(max_size=5)),
            "items": items}  # fmt: skip
    return json.dumps(feed).encode()


@st.composite
def rss_feed(draw: st.DrawFn) -> bytes:
    items = "".join(
        f"<item><title>{draw(piece())}</title><guid>{number}</guid>"
        f"<pubDate>{draw(MOMENTS)}</pubDate><description>{draw(html_page())}</description></item>"
        for number in range(draw(st.integers(0, 3)))
    )
    language = draw(st.sampled_from(["en-us", "English", ""]))
    channel = f"<channel><title>T</title><language>{language}</language>{items}</channel>"
    return draw(encoded(st.just(f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>')))


@pytest.mark.filterwarnings("ignore:To avoid breaking existing software:DeprecationWarning")
@hypothesis_settings(PROPERTIES, max_examples=examples(30))
@given(st.one_of(json_feed(), rss_feed(), st.binary(max_size=200)))
@example(  # was an OverflowError: year 1 at UTC+1 is before the first day datetime holds
    b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "T", '
    b'"date_modified": "0001-01-01T00:00:00+01:00"}]}'
)
@example(  # was a ValueError: feedparser reads the same moment as year 0
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>T</title>'
    b"<guid>0</guid><pubDate>0001-01-01T00:00:00+01:00</pubDate></item></channel></rss>"
)
def test_feed_entries(data: bytes) -> None:
    try:
        entries = parse_feed(data, "https://example.com/feed", content_type=None, limit=5)
    except BadInput as error:
        assert str(error).startswith("https://example.com/feed: ")
        return
    for entry in entries:
        extract_or_refuse(entry.to_ninjs())
