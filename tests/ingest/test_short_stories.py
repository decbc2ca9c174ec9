"""Flashes, snaps and one-paragraph releases are stories; a lone line, a list of links or an
error page is not, and the error names the input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from polywire.domain import BadInput
from polywire.ingest import extract

FLASH = (
    "EU fines Acme 2 billion euros\n\n"
    "BRUSSELS (AP) — The European Commission fined Acme 2 billion euros on Tuesday.\n"
    "More follows.\n"
)


def run(content: str, source: str) -> dict[str, Any]:
    return extract(content.encode(), source=source).to_json()


def test_a_flash_without_its_headline_gets_one_derived() -> None:
    result = run(FLASH.split("\n\n", 1)[1], "flash.txt")
    assert result["headline"] == "The European Commission fined Acme 2 billion euros on Tuesday"
    assert result["headline_derived"] is True
    assert result["dateline"] == {"place": "BRUSSELS", "source": "AP"}


def test_english_flash() -> None:
    result = run(FLASH, "flash.txt")
    assert result["headline"] == "EU fines Acme 2 billion euros"
    assert result["language"] == "en"
    assert result["dateline"] == {"place": "BRUSSELS", "source": "AP"}
    assert result["body"][0].startswith("The European Commission fined Acme 2 billion euros")


def test_one_paragraph_release_in_spanish() -> None:
    release = (
        "Solaria Verde abrirá una planta solar en Sevilla\n\n"
        "SEVILLA, 12 de mayo de 2026 /PRNewswire/ -- Solaria Verde abrirá en junio una planta "
        "de 50 megavatios.\n"
    )
    result = run(release, "nota.txt")
    assert result["headline"] == "Solaria Verde abrirá una planta solar en Sevilla"
    assert result["language"] == "es"
    assert result["dateline"] == {"place": "SEVILLA", "source": "PRNewswire", "date": "2026-05-12"}
    assert result["body"] == ["Solaria Verde abrirá en junio una planta de 50 megavatios."]


@pytest.mark.parametrize(
    ("snap", "language", "dateline", "opening"),
    [
        (
            "ЦБ сохранил ключевую ставку\n\n"
            "МОСКВА, 12 мая. /ТАСС/. Банк России сохранил ключевую ставку на уровне 16%.\n",
            "ru",
            {"place": "МОСКВА", "source": "ТАСС", "date": "--05-12"},
            "Банк России сохранил",
        ),
        (
            "المركزي المصري يثبت أسعار الفائدة\n\n"
            "القاهرة (رويترز) - أبقى البنك المركزي المصري أسعار الفائدة دون تغيير يوم الخميس.\n",
            "ar",
            {"place": "القاهرة", "source": "رويترز"},
            "أبقى البنك المركزي",
        ),
    ],
)
def test_snap_in_a_non_latin_script(
    snap: str, language: str, dateline: dict[str, str], opening: str
) -> None:
    result = run(snap, "snap.txt")
    assert result["headline"] == snap.split("\n")[0]
    assert result["language"] == language
    assert result["dateline"] == dateline
    assert len(result["body"]) == 1 and result["body"][0].startswith(opening)


def test_short_html_page_with_one_paragraph_in_an_article() -> None:
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>EU fines Acme 2 billion euros</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<article><h1>EU fines Acme 2 billion euros</h1>"
        "<p>BRUSSELS (AP) — The European Commission fined Acme 2 billion euros on Tuesday.</p>"
        "</article><footer>© 2026 The Daily Courier</footer></body></html>"
    )
    result = run(page, "flash.html")
    assert result["headline"] == "EU fines Acme 2 billion euros"
    assert result["dateline"] == {"place": "BRUSSELS", "source": "AP"}
    assert result["body"] == ["The European Commission fined Acme 2 billion euros on Tuesday."]


def test_ninjs_flash() -> None:
    document = {
        "uri": "urn:alpwire:2026:0099",
        "type": "text",
        "headlines": [{"role": "main", "value": "EU fines Acme 2 billion euros"}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/plain",
                "value": "BRUSSELS (Alpwire) — The European Commission fined Acme on Tuesday.",
            }
        ],
    }
    result = run(json.dumps(document), "flash.json")
    assert result["dateline"] == {"place": "BRUSSELS", "source": "Alpwire"}
    assert result["body"] == ["The European Commission fined Acme on Tuesday."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("EU fines Acme", "no paragraph of running text"),
        ("EU fines Acme\n\nAcme was fined.", "no paragraph of running text"),
        (
            "Not Found\n\nThe requested URL was not found on this server.\n",
            "only 9 words of body text; a story needs 15, or a dateline and a sentence of 5",
        ),
        ("EU fines Acme\n\nBRUSSELS (AP) — Acme fined.", "no paragraph of running text"),
        (
            "Latest news\n\nFlood defences hold as river peaks\nCouncil approves new bridge\n"
            "Storm cuts power to thousands\nSchools to reopen on Monday\n",
            "no paragraph of running text",
        ),
        (
            "<html><head><title>Latest</title></head><body><article><h1>Latest</h1><ul>"
            "<li><a href='/1'>Flood defences hold as river peaks</a></li>"
            "<li><a href='/2'>Council approves new bridge</a></li></ul></article></body></html>",
            "no paragraph of running text in the HTML page",
        ),
        (
            "<html><head><title>404 - File or directory not found.</title></head><body>"
            "<h2>404 - File or directory not found.</h2><p>The resource you are looking for "
            "might have been removed, had its name changed, or is temporarily unavailable.</p>"
            "</body></html>",
            "an error page ('404')",
        ),
        (
            json.dumps(
                {
                    "uri": "urn:alpwire:2026:0100",
                    "headlines": [{"value": "EU fines Acme"}],
                    "bodies": [{"value": "Acme fined."}],
                }
            ),
            "only 2 words of body text; a story needs 15, or a dateline and a sentence of 5",
        ),
    ],
)
def test_what_is_no_story_is_refused_naming_the_input(content: str, message: str) -> None:
    with pytest.raises(BadInput) as caught:
        extract(content.encode(), source="input.any")
    assert str(caught.value) == f"input.any: no story found: {message}"


def test_a_submitted_flash_becomes_a_story(subprocess_env: dict[str, str], tmp_path: Path) -> None:
    flash = tmp_path / "flash.txt"
    flash.write_text(FLASH, encoding="utf-8")
    submitted = polywire(subprocess_env, "submit", str(flash), "--to", "en")
    assert submitted.returncode == 0, submitted.stderr
    story_id = submitted.stdout.strip()
    shown = polywire(subprocess_env, "show", story_id, "--json")
    assert shown.returncode == 0, shown.stderr
    story = json.loads(shown.stdout)
    assert story["state"] == "released"
    version = story["versions"][0]
    assert version["headline"] == "EU fines Acme 2 billion euros"
    assert version["located"] == "BRUSSELS"
    assert version["body"][0].startswith("The European Commission fined Acme 2 billion euros")
    assert version["renditions"][0]["state"] == "released"

    lone = tmp_path / "lone.txt"
    lone.write_text("EU fines Acme\n", encoding="utf-8")
    refused = polywire(subprocess_env, "submit", str(lone))
    assert refused.returncode == 2
    assert (
        refused.stderr.strip()
        .splitlines()[-1]
        .endswith(f"{lone}: no story found: no paragraph of running text")
    )


def polywire(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
