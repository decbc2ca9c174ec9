"""Composing a release per language: dateline, notices, sectors, corrections, withdrawals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from polywire.compose import TARGET_LANGUAGES, compose, texts_for
from polywire.config import BrandSettings, load_settings
from polywire.domain import Pubstatus, Rendition, RenditionState, Story, StoryState, Version

STORY = Story("s1", "urn:polywire:story:s1", "Acme Ltd", "en", StoryState.RELEASED,
              datetime(2026, 11, 25, 9, tzinfo=UTC), 1)  # fmt: skip


def version(**fields: Any) -> Version:
    values: dict[str, Any] = {
        "story_id": "s1",
        "version": 1,
        "versioncreated": datetime(2026, 11, 25, 9, tzinfo=UTC),
        "language": "en",
        "headline": "Acme opens a plant",
        "body": ["Acme opened a plant on Monday.", "It employs 500 people."],
        "sectors": ["Energy", "Manufacturing", "Basket weaving"],
    }
    values.update(fields)
    return Version(**values)


def rendition(language: str, body: list[str] | None = None) -> Rendition:
    paragraphs = body or ["First paragraph.", "Second."]
    return Rendition("s1", 1, language, RenditionState.RELEASED, "Headline", paragraphs)


@pytest.mark.parametrize("language", TARGET_LANGUAGES)
def test_every_target_language_has_all_texts_and_sector_names(language: str) -> None:
    texts = texts_for(language, BrandSettings())
    assert texts.language == language
    assert "{brand}" in texts.dateline
    assert "{publisher}" in texts.attribution and "{publisher}" in texts.withdrawal
    assert "{reason}" in texts.correction
    assert "{brand}" in texts.disclaimer and "{brand}" in texts.about
    assert len(texts.sectors) == 20
    if language != "en":
        assert texts.sectors["energy"] != "Energy"
        assert texts.disclaimer != BrandSettings().disclaimer


def test_english_release_reads_as_a_wire_story() -> None:
    composed = compose(version(), rendition("en"), load_settings(), story=STORY)
    assert composed.paragraphs == ["(Polywire) – First paragraph.", "Second."]
    assert composed.direction == "ltr"
    assert composed.attribution == "Source: Acme Ltd"
    assert composed.disclaimer.startswith("This content was distributed by Polywire")
    assert composed.notices[-1].startswith("About Polywire: Polywire is an open-source")
    assert composed.sector_line == "Sectors: Energy, Manufacturing, Basket weaving"
    assert composed.correction is None and not composed.withdrawn


def test_dateline_and_sectors_in_the_reader_language() -> None:
    settings = load_settings(brand={"name": "Wirely"})
    chinese = compose(version(located="LEEDS"), rendition("zh-Hans", body=["第一段。"]), settings)
    assert chinese.paragraphs == ["LEEDS，11月25日（Wirely）——第一段。"]
    assert [s.label for s in chinese.sectors] == ["能源", "制造业", "Basket weaving"]
    assert chinese.disclaimer == "本内容由Wirely代表发布方分发，发布方对其内容承担全部责任。"

    arabic = compose(version(), rendition("ar", body=["الفقرة الأولى."]), settings)
    assert arabic.direction == "rtl"
    assert arabic.paragraphs == ["(Wirely) – الفقرة الأولى."]
    assert arabic.sector_line == "القطاعات: الطاقة، الصناعة، Basket weaving"

    german = compose(version(), rendition("de-AT"), settings)
    assert german.sectors[0].label == "Energie"
    assert german.about_heading == "Über Wirely"


LISBON = {"located": "LISBON", "versioncreated": datetime(2026, 12, 7, 9, tzinfo=UTC)}


@pytest.mark.parametrize(
    ("language", "dateline"),
    [
        ("en", "LISBON, Dec 7 (Polywire) –"),
        ("es", "LISBOA, 7 dic (Polywire) –"),
        ("de", "LISSABON, 7. Dez. (Polywire) –"),
        ("fr", "LISBONNE, 7 déc. (Polywire) –"),
        ("ru", "ЛИССАБОН, 7 дек. (Polywire) –"),
        ("ar", "لشبونة، 7 ديسمبر (Polywire) –"),
        ("ja", "リスボン、12月7日（Polywire）－"),
        ("zh-Hant", "里斯本，12月7日（Polywire）——"),
        ("ko", "리스본, 12월 7일 (Polywire) –"),
        ("th", "ลิสบอน 7 ธ.ค. (Polywire) –"),
    ],
)
def test_the_dateline_keeps_its_date_and_is_localised(language: str, dateline: str) -> None:
    composed = compose(version(**LISBON), rendition(language), load_settings())
    assert composed.dateline == dateline
    assert composed.paragraphs[0].startswith(dateline)


@pytest.mark.parametrize("language", ["en", "ja", "ar"])
def test_a_place_cldr_does_not_name_is_kept_as_written(language: str) -> None:
    composed = compose(version(**{**LISBON, "located": "RIVERTON"}), rendition(language),
                       load_settings())  # fmt: skip
    assert composed.dateline.startswith("RIVERTON")
    assert "7" in composed.dateline


def test_a_place_written_in_another_script_is_named_in_the_readers() -> None:
    moscow = version(**{**LISBON, "located": "МОСКВА", "language": "ru"})
    assert compose(moscow, rendition("en"), load_settings()).dateline.startswith("MOSCOW, Dec 7")


def test_the_dateline_date_style_is_a_setting() -> None:
    with_year = load_settings(publish={"dateline_date": "yMMMd"})
    assert compose(version(**LISBON), rendition("es"), with_year).dateline == (
        "LISBOA, 7 dic 2026 (Polywire) –"
    )
    without = load_settings(publish={"dateline_date": ""})
    assert compose(version(**LISBON), rendition("ar"), without).dateline == "لشبونة (Polywire) –"
    assert compose(version(**LISBON), rendition("ja"), without).dateline == "リスボン（Polywire）－"


def test_a_body_opening_with_the_brand_dateline_keeps_it() -> None:
    body = ["LEEDS (Polywire) – Acme opened a plant.", "Second."]
    assert compose(version(), rendition("en", body), load_settings()).paragraphs == body
    chinese = ["利兹（Polywire）——Acme开设了一家工厂。"]
    assert compose(version(), rendition("zh-Hans", chinese), load_settings()).paragraphs == chinese


def test_a_configured_dateline_is_used_in_every_language() -> None:
    settings = load_settings(publish={"dateline_template": "/{brand}/ --"})
    assert compose(version(), rendition("fr"), settings).paragraphs[0] == (
        "/Polywire/ -- First paragraph."
    )


def test_correction_and_withdrawal() -> None:
    settings = load_settings()
    corrected = compose(version(version=2, correction_reason="job count"), rendition("es"),
                        settings, story=STORY)  # fmt: skip
    assert corrected.correction == (
        "Corrección: esta versión sustituye a una anterior. Motivo: job count"
    )
    assert corrected.notices[0] == corrected.correction

    withdrawn = compose(version(version=3, pubstatus=Pubstatus.CANCELED), rendition("fr"),
                        settings, story=STORY)  # fmt: skip
    assert withdrawn.withdrawn
    assert withdrawn.pubstatus == Pubstatus.CANCELED
    assert withdrawn.paragraphs == [
        "(Polywire) – Retiré : Acme Ltd a retiré cette information. Merci de ne pas l’utiliser "
        "et de la supprimer si elle a déjà été publiée."
    ]


def test_a_deployment_overrides_texts(tmp_path: Path) -> None:
    (tmp_path / "vi.toml").write_text(
        'attribution = "Theo {publisher}"\n[sectors]\nenergy = "Điện năng"\n', encoding="utf-8"
    )
    settings = load_settings(publish={"texts_dir": str(tmp_path)})
    composed = compose(version(), rendition("vi"), settings, story=STORY)
    assert composed.attribution == "Theo Acme Ltd"
    assert [s.label for s in composed.sectors][:2] == ["Điện năng", "Sản xuất"]
    assert composed.about_heading == "Giới thiệu về Polywire"


def test_languages_without_texts_fall_back() -> None:
    assert texts_for("pt-BR", BrandSettings()).language == "pt"
    assert texts_for("zh-TW", BrandSettings()).language == "zh-Hant"
    assert texts_for("it", BrandSettings()).language == "en"
