"""The publisher's About paragraph and media contact, read in the languages the ingest tests
do not cover (Spanish, Portuguese, Russian, Korean, Arabic, Thai, Malay, traditional Chinese);
the fifteen target languages' others are in `tests/ingest/test_publisher_boilerplate.py`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polywire.ingest import extract

CASES = json.loads(
    (Path(__file__).parent / "samples" / "boilerplate_languages.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("language", sorted(CASES))
def test_about_and_contact_in(language: str) -> None:
    case = CASES[language]
    text = "\n\n".join(["Acme opens a plant", case["story"], case["about"], case["contact"]])
    found = extract(text.encode(), source=f"{language}.txt")
    about_text = case["about"].split("\n")[1]
    assert [(a.name, a.text) for a in found.about] == [(case["name"], about_text)]
    (person,) = found.contacts
    lines = case["contact"].split("\n")
    assert person.name == lines[1]
    assert person.emails == (lines[3],)
    assert len(person.phones) == 1 and person.phones[0] in lines[2]
