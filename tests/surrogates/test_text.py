"""The one rule behind every door (`polywire.surrogates`), for any string: replacing gives text
that encodes, leaves text that was already text as it was, and refusing names where."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from polywire.domain import BadInput
from polywire.surrogates import clean_document, clean_text, require_document, utf8

#: Any code point, lone surrogates included.
ANY_TEXT = st.text(st.characters(codec=None, categories=None))
JSON_LIKE = st.recursive(
    st.none() | st.integers() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=12,
)


@given(ANY_TEXT)
def test_replacing_gives_text_that_encodes(value: str) -> None:
    cleaned = clean_text(value)
    assert cleaned.encode("utf-8").decode("utf-8") == cleaned
    assert utf8(value) == cleaned.encode("utf-8")
    if value == cleaned:
        value.encode("utf-8")  # only text is left as it is


@given(st.text())
def test_text_is_left_as_it_is(value: str) -> None:
    assert clean_text(value) is value
    require_document({"k": [value]})


def test_a_split_pair_becomes_its_character_and_a_lone_half_a_replacement() -> None:
    assert clean_text("a\ud83d\ude00b\ud800c\udfff") == "a\U0001f600b\ufffdc\ufffd"


@given(JSON_LIKE)
def test_a_cleaned_document_holds_only_text(document: object) -> None:
    cleaned = clean_document(document)
    require_document(cleaned)


def test_a_cleaned_document_is_a_copy() -> None:
    document = {"sectors": ["E\ud800"], "n": 1}
    assert clean_document(document) == {"sectors": ["E\ufffd"], "n": 1}
    assert document == {"sectors": ["E\ud800"], "n": 1}
    clean = {"sectors": ["Energy"]}
    assert clean_document(clean) is clean


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"a": [{"b": ["ok", "x\udc00"]}]}, "a[0].b[1]"),
        ({"a\ud800": 1}, "request body: key 'a\ufffd'"),
        ("\ud800", "request body"),
    ],
)
def test_refusing_names_where(document: object, where: str) -> None:
    with pytest.raises(BadInput) as refused:
        require_document(document)
    assert refused.value.source == where
    assert refused.value.status == 400


def test_a_document_deeper_than_the_recursion_limit_is_walked() -> None:
    deep: object = "\ud800"
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(BadInput, match=r"^\[0\]\[0\]"):
        require_document(deep)
    cleaned = clean_document(deep)
    for _ in range(5000):
        assert isinstance(cleaned, list)
        [cleaned] = cleaned
    assert cleaned == "\ufffd"
