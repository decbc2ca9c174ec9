"""ninjs 2.x and 3.x from another wire: validated against the IPTC schemas, bodies sanitised."""

from __future__ import annotations

import json
from typing import Any

import pytest

from polywire.domain import BadInput
from polywire.ingest import extract

BODY_HTML = (
    "<p>GENEVA (Alpwire) — The World Meteorological Organization said on Thursday that last "
    "year was the warmest on record in Europe, with average temperatures 2.3 degrees above the "
    "pre-industrial level.</p>"
    '<script>document.write("<img src=https://tracker.example/p.gif>")</script>'
    '<p onmouseover="steal()">Glaciers in the Alps lost 4% of their remaining volume, the '
    "agency said.</p><ul><li>Heat waves: 12</li><li>Floods: 5</li></ul>"
)


def ninjs_21() -> dict[str, Any]:
    return {
        "uri": "urn:alpwire:2026:0042",
        "standard": {"name": "ninjs", "version": "2.1"},
        "type": "text",
        "version": "3",
        "versioncreated": "2026-04-02T09:15:00Z",
        "language": "en-GB",
        "headlines": [{"role": "main", "value": "Europe had its warmest year on record"}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": BODY_HTML}],
        "by": "Alpwire staff",
        "copyrightholder": "Alpwire",
        "usageterms": "For editorial use only.",
        "descriptions": [{"role": "caption", "value": "A glacier near Zermatt. (Photo/Alpwire)"}],
        "subjects": [{"name": "Environment", "rel": "sector"}, {"name": "weather"}],
    }


def ninjs_30() -> dict[str, Any]:
    return {
        "uri": "urn:alpwire:2026:0043",
        "standard": {"name": "ninjs", "version": "3.0"},
        "type": "text",
        "versionCreated": "2026-04-03T10:00:00Z",
        "language": "fr",
        "located": "Genève",
        "headlines": [{"role": "main", "value": "L'Europe a connu son année la plus chaude"}],
        "bodies": [
            {
                "role": "main",
                "contentType": "text/plain",
                "value": "L'Organisation météorologique mondiale a indiqué jeudi que l'année "
                "dernière a été la plus chaude jamais enregistrée en Europe.\n\nLes glaciers des "
                "Alpes ont perdu 4 % de leur volume restant, selon l'agence.",
            }
        ],
    }


def run(document: dict[str, Any]) -> dict[str, Any]:
    return extract(json.dumps(document).encode(), source="story.json").to_json()


def test_ninjs_21_with_html_body() -> None:
    result = run(ninjs_21())
    assert result["headline"] == "Europe had its warmest year on record"
    assert result["language"] == "en-GB"
    assert result["date"] == "2026-04-02T09:15:00Z"
    assert result["dateline"] == {"place": "GENEVA", "source": "Alpwire"}
    assert result["byline"] == "Alpwire staff"
    assert result["credit"] == "Alpwire"
    assert result["captions"] == ["A glacier near Zermatt. (Photo/Alpwire)"]
    assert result["sectors"] == ["Environment"]
    assert result["notices"] == ["For editorial use only."]
    assert result["body"] == [
        "The World Meteorological Organization said on Thursday that last year was the warmest "
        "on record in Europe, with average temperatures 2.3 degrees above the pre-industrial "
        "level.",
        "Glaciers in the Alps lost 4% of their remaining volume, the agency said.",
        "Heat waves: 12",
        "Floods: 5",
    ]
    assert "tracker" not in json.dumps(result) and "steal" not in json.dumps(result)


def test_ninjs_30_with_plain_text_body() -> None:
    result = run(ninjs_30())
    assert result["headline"] == "L'Europe a connu son année la plus chaude"
    assert result["language"] == "fr"
    assert result["date"] == "2026-04-03T10:00:00Z"
    assert result["dateline"] == {"place": "Genève", "source": None}
    assert len(result["body"]) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("uri"), "'uri' is a required property"),
        (lambda d: d.update(headlines="a string"), "not valid ninjs 2.x at headlines"),
        (lambda d: d.update(unknown_field=1), "not valid ninjs 2.x"),
        (lambda d: d.update(bodies=[]), "no story found"),
    ],
)
def test_invalid_ninjs_names_the_problem(change: Any, message: str) -> None:
    document = ninjs_21()
    change(document)
    with pytest.raises(BadInput) as caught:
        run(document)
    assert str(caught.value).startswith("story.json: ") and message in str(caught.value)


def test_30_properties_are_checked_against_the_30_schema() -> None:
    document = ninjs_30()
    document["pubStatus"] = "not-a-status"
    with pytest.raises(BadInput, match=r"not valid ninjs 3\.x at pubStatus"):
        run(document)
