"""The fidelity checks on hand-written parallel stories: clean translations pass untouched, and
every injected fault is reported at its paragraph by the right check."""

from __future__ import annotations

from dataclasses import replace

import pytest

from check.corpus import (
    CLEAN_CASES,
    SOLAR,
    SOLAR_TRANSLATIONS,
    STORIES,
    STRIKE,
    STRIKE_TRANSLATIONS,
)
from check.faults import (
    DATE_FAULTS,
    DROPPED_NAME_FAULTS,
    NAME_FAULTS,
    NUMBER_FAULTS,
    QUOTE_FAULTS,
    STORY,
    Fault,
    edit,
)
from polywire.check import CheckSettings, Severity, Text, Verdict, check_translation


@pytest.mark.parametrize(
    ("source", "translation"),
    CLEAN_CASES,
    ids=[f"{s.headline.split()[0]}-{t.language}" for s, t in CLEAN_CASES],
)
def test_a_clean_translation_passes_without_findings(source: Text, translation: Text) -> None:
    report = check_translation(source, translation)
    assert report.findings == []
    assert report.verdict == Verdict.PASS
    assert report.aligned


@pytest.mark.parametrize("fault", NUMBER_FAULTS + DATE_FAULTS, ids=lambda f: f.id)
def test_an_injected_fault_is_a_major_finding_at_its_paragraph(fault: Fault) -> None:
    source, translation = fault.apply()
    report = check_translation(source, translation)
    found = [(f.paragraph, f.check, f.severity) for f in report.findings]
    assert (fault.paragraph, fault.check, Severity.MAJOR) in found
    assert report.verdict == Verdict.REVIEW


def test_a_changed_number_names_both_numbers_for_the_editor() -> None:
    translation = edit(SOLAR_TRANSLATIONS["de"], 1, "1.200 Mitgliedern", "1.300 Mitgliedern")
    [finding] = check_translation(SOLAR, translation).findings
    assert finding.paragraph == 1
    assert "1,200" in finding.message and "1.300" in finding.message
    assert "1,200" in finding.source and "1.300" in finding.target


def test_a_moved_weekday_names_both_days() -> None:
    translation = edit(STRIKE_TRANSLATIONS["es"], 1, "el martes", "el miércoles")
    [finding] = check_translation(STRIKE, translation).findings
    assert finding.check == "dates"
    assert "Tuesday" in finding.message and "miércoles" in finding.message


@pytest.mark.parametrize("language", sorted(SOLAR_TRANSLATIONS))
def test_a_dropped_paragraph_is_a_major_alignment_finding(language: str) -> None:
    clean = SOLAR_TRANSLATIONS[language]
    translation = replace(clean, paragraphs=clean.paragraphs[:2] + clean.paragraphs[3:])
    report = check_translation(SOLAR, translation)
    assert not report.aligned
    assert [(f.paragraph, f.check) for f in report.findings] == [(3, "alignment")]
    assert report.findings[0].severity == Severity.MAJOR


def test_an_added_paragraph_is_reported_after_the_paragraph_it_follows() -> None:
    clean = STRIKE_TRANSLATIONS["de"]
    added = "Die Gewerkschaft fordert 555 Euro mehr Lohn im Monat für alle Lokführer."
    translation = replace(clean, paragraphs=[*clean.paragraphs[:2], added, clean.paragraphs[2]])
    report = check_translation(STRIKE, translation)
    assert [(f.paragraph, f.check) for f in report.findings] == [(2, "alignment")]
    assert "555 Euro" in report.findings[0].target


@pytest.mark.parametrize(
    ("story", "language", "paragraph", "old", "new"),
    [
        ("strike", "ar", 2, "7000", "٧٠٠٠"),  # Arabic-Indic digits
        ("solar", "ar", 1, "1.5 مليون", "١٫٥ مليون"),  # and the Arabic decimal separator
        ("strike", "de", 2, "7000", "7.000"),
        ("strike", "vi", 1, "ngày 5 tháng 11", "ngày 5/11"),  # a numeric date names the month
        ("strike", "ru", 2, "100 млн", "100 миллионов"),
        ("strike", "ja", 2, "1億", "100,000,000"),
        ("solar", "ja", 1, "150万ドル", "1,500,000ドル"),
        ("solar", "fr", 1, "1 200", "1\u202f200"),  # CLDR's narrow no-break space
        ("solar", "de", 1, "am Montag", "am Montagabend"),
        ("strike", "ru", 1, "до субботы", "по субботу"),
    ],
)
def test_equivalent_notations_are_not_findings(
    story: str, language: str, paragraph: int, old: str, new: str
) -> None:
    source, translations = STORY[story]
    report = check_translation(source, edit(translations[language], paragraph, old, new))
    assert report.findings == []


def test_merged_paragraphs_are_aligned_not_missing() -> None:
    clean = SOLAR_TRANSLATIONS["es"]
    merged = [clean.paragraphs[0], " ".join(clean.paragraphs[1:3]), clean.paragraphs[3]]
    report = check_translation(SOLAR, replace(clean, paragraphs=merged))
    assert report.aligned
    assert report.findings == []


def test_minor_findings_make_a_review_only_past_the_threshold() -> None:
    translation = edit(
        STRIKE_TRANSLATIONS["de"], 1, "von Donnerstag, dem 5. November,", "ab dem 5."
    )
    lenient = check_translation(STRIKE, translation, CheckSettings(minor_findings_for_review=3))
    strict = check_translation(STRIKE, translation, CheckSettings(minor_findings_for_review=1))
    assert {f.severity for f in lenient.findings} == {Severity.MINOR}
    assert lenient.verdict == Verdict.PASS
    assert strict.verdict == Verdict.REVIEW


def test_a_disabled_check_reports_nothing() -> None:
    translation = edit(STRIKE_TRANSLATIONS["es"], 1, "el martes", "el miércoles")
    report = check_translation(STRIKE, translation, CheckSettings(disabled=["dates"]))
    assert report.findings == []


@pytest.mark.parametrize("fault", NAME_FAULTS, ids=lambda f: f.id)
def test_an_inserted_acronym_is_a_major_finding(fault: Fault) -> None:
    source, translation = fault.apply()
    findings = check_translation(source, translation).findings
    assert any(
        f.paragraph == fault.paragraph and f.check == "names" and f.severity == Severity.MAJOR
        for f in findings
    ), findings


@pytest.mark.parametrize("fault", DROPPED_NAME_FAULTS, ids=lambda f: f.id)
def test_a_dropped_or_added_name_is_a_finding(fault: Fault) -> None:
    source, translation = fault.apply()
    findings = check_translation(source, translation).findings
    assert [(f.paragraph, f.check) for f in findings] == [(fault.paragraph, "names")]


@pytest.mark.parametrize("fault", QUOTE_FAULTS, ids=lambda f: f.id)
def test_a_quotation_without_its_marks_is_a_major_finding(fault: Fault) -> None:
    source, translation = fault.apply()
    findings = check_translation(source, translation).findings
    assert [(f.paragraph, f.check, f.severity) for f in findings] == [
        (fault.paragraph, "quotes", Severity.MAJOR)
    ]


@pytest.mark.parametrize("language", ["ja", "ar", "vi", "ru"])
def test_a_paragraph_left_in_the_source_language_is_untranslated(language: str) -> None:
    clean = SOLAR_TRANSLATIONS[language]
    left = replace(clean, paragraphs=[*clean.paragraphs[:3], SOLAR.paragraphs[3]])
    findings = check_translation(SOLAR, left).findings
    assert (4, "untranslated", Severity.MAJOR) in [
        (f.paragraph, f.check, f.severity) for f in findings
    ]


def test_a_paragraph_reworded_but_still_in_english_is_untranslated() -> None:
    clean = SOLAR_TRANSLATIONS["es"]
    english = "Power from these panels is going to cost 0.25 dollars per kilowatt-hour, it added."
    findings = check_translation(SOLAR, edit(clean, 4, clean.paragraphs[3], english)).findings
    assert [(f.paragraph, f.check) for f in findings] == [(4, "untranslated")]


@pytest.mark.parametrize(
    "paragraph",
    ["Blue Origin, Kent, Washington", "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp."],
)
def test_a_paragraph_of_names_left_as_written_is_only_a_minor_finding(paragraph: str) -> None:
    source = Text("en", "Headline", [paragraph])
    findings = check_translation(source, Text("es", "Titular", [paragraph])).findings
    assert [(f.paragraph, f.check, f.severity) for f in findings] == [
        (1, "untranslated", Severity.MINOR)
    ]


def test_traditional_characters_in_a_simplified_translation_are_the_wrong_script() -> None:
    simplified, traditional = SOLAR_TRANSLATIONS["zh-Hans"], SOLAR_TRANSLATIONS["zh-Hant"]
    mixed = replace(
        simplified, paragraphs=[*simplified.paragraphs[:2], *traditional.paragraphs[2:]]
    )
    findings = check_translation(SOLAR, mixed).findings
    assert [(f.paragraph, f.check) for f in findings] == [(3, "script"), (4, "script")]
    assert "Traditional Chinese" in findings[0].message


def test_simplified_characters_in_a_traditional_translation_are_the_wrong_script() -> None:
    simplified, traditional = SOLAR_TRANSLATIONS["zh-Hans"], SOLAR_TRANSLATIONS["zh-Hant"]
    mixed = replace(traditional, paragraphs=[simplified.paragraphs[0], *traditional.paragraphs[1:]])
    findings = check_translation(SOLAR, mixed).findings
    assert [(f.paragraph, f.check) for f in findings] == [(1, "script")]


def test_a_russian_paragraph_in_latin_letters_is_the_wrong_script() -> None:
    latin = "Eto dengi fermerov, a ne bankov, — skazala Nguen Tkhi Lan, predsedatel kooperativa."
    clean = SOLAR_TRANSLATIONS["ru"]
    findings = check_translation(SOLAR, edit(clean, 2, clean.paragraphs[1], latin)).findings
    assert ("script", Severity.MAJOR) in [(f.check, f.severity) for f in findings]


def test_a_cut_paragraph_is_too_short_for_the_language_pair() -> None:
    clean = SOLAR_TRANSLATIONS["ja"]
    cut = "同組合は、18の精米所にパネルを設置する。"
    findings = check_translation(SOLAR, edit(clean, 3, clean.paragraphs[2], cut)).findings
    assert ("length", 3) in [(f.check, f.paragraph) for f in findings]
    [length] = [f for f in findings if f.check == "length"]
    assert "shorter" in length.message


ANY_DIRECTION = [
    (a, b)
    for source, translations in STORIES
    for a in [source, *translations.values()]
    for b in translations.values()
    if a is not b
]


@pytest.mark.parametrize(
    ("source", "translation"),
    ANY_DIRECTION,
    ids=[f"{a.headline.split()[0][:8]}-{a.language}-{b.language}" for a, b in ANY_DIRECTION],
)
def test_the_checks_work_from_any_language_to_any_other(source: Text, translation: Text) -> None:
    """Engine-agnostic and direction-agnostic: a Japanese story checked against its Arabic
    version, a German one against its Russian version, pass as English against either does."""
    assert check_translation(source, translation).findings == []
