"""Input that is not a story: a clear error naming the input and the problem, quickly."""

from __future__ import annotations

import pytest

from polywire.domain import BadInput
from polywire.ingest import extract


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "input is empty"),
        (b"  \n\t\n", "input is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "input is binary"),
        (b"Just a headline", "no story found"),
        (b"Home\nWorld\nSport\nWeather\nContact us\n", "no story found"),
        (b'{"headline": 3}', "not valid ninjs"),
        (b"{not json", "invalid JSON"),
        (b"<html><body><h1>404</h1><p>Page not found.</p></body></html>", "no story found"),
    ],
)
def test_not_a_story(content: bytes, message: str) -> None:
    with pytest.raises(BadInput) as caught:
        extract(content, source="input.bin")
    assert str(caught.value).startswith("input.bin: ")
    assert message in str(caught.value)


def test_a_50_mb_page_is_refused_before_parsing() -> None:
    page = (
        b"<html><body>" + b"<p>word word word.</p>" * (50 * 1024 * 1024 // 22) + b"</body></html>"
    )
    with pytest.raises(BadInput) as caught:
        extract(page, source="huge.html")
    assert caught.value.status == 413
    assert "more than" in str(caught.value)


def test_latin_1_text_is_decoded() -> None:
    page = (
        "Café owners in Québec protest new rules\n\n"
        "MONTRÉAL (Polywire) - Café owners across Québec protested on Monday against new rules "
        "that limit terrace opening hours, saying the change would cost them a summer's trade.\n"
    ).encode("latin-1")
    result = extract(page, source="latin1.txt")
    assert result.headline == "Café owners in Québec protest new rules"
    assert result.dateline is not None and result.dateline.place == "MONTRÉAL"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body>" + b"<p>A short paragraph.</p>" * 30_000 + b"</body></html>", "elements"),
        (b"Headline\n\n" + b"Menu item\n" * 300_000, "characters of text"),
    ],
)
def test_inputs_too_big_to_extract_quickly_are_refused(content: bytes, message: str) -> None:
    with pytest.raises(BadInput) as caught:
        extract(content, source="big")
    assert caught.value.status == 413 and message in str(caught.value)
