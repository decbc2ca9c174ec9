"""Error-injection benchmark of the fidelity checks, and precision/recall of same-story matching.

Takes a dataset of parallel stories (JSON: `{"stories": [{"id", "topic", "published", "source":
{"language", "headline", "paragraphs"}, "translations": {tag: {...}}}]}`, paragraphs aligned one to
one), injects one fault at a time into the clean translations (a weekday, a month, a number
changed; a name dropped or added; an acronym added; a quotation's marks dropped; a paragraph left
untranslated; a paragraph dropped; and, where a paragraph lends itself to it, issue 14's kinds: a
currency, a scale word, a negation, a surname, two parties swapped, a sentence dropped, one of two
equal values changed) and reports, per kind, the share of faults the checks report at the right
paragraph, and the share of clean paragraphs with any finding. A translation may also carry
faults written by hand (`"faults": [{"kind", "paragraph", "text"}]`, the paragraph 1-based and
its faulted text), which are counted with the injected ones; `--half` keeps one half of the
stories (`half_of`), `--major` counts major findings only.

The baseline, run on the same data in the same process, is the check a newsroom script does
without polywire: every digit string of the source must appear verbatim in the translation.

    python bench/check_benchmark.py bench/data/parallel_news.json

With `--engine-corpus`, it builds a second, larger benchmark instead: the shipped sample stories
(and, given `--articles`, the English articles of an article-extraction benchmark's ground
truth) translated into es, fr and pt by the shipped engine (Apertium, through the same
`Translator` as `polywire translate`), with one fault injected per translation for each kind of
`ENGINE_KINDS` that the translation lends itself to. Stories are split once and for all by a hash
of their id into a tuning half and a held-out half; the report gives, per half, the recall of
*major* findings per kind (a major finding at the faulted paragraph that the clean translation's
report lacks) and the share of clean translations with any major finding.

    python bench/check_benchmark.py --engine-corpus \
        --articles /work/shared/datasets/article-extraction-benchmark --cache /tmp/corpus.json

`--stories FILE` builds the same corpus from other English stories instead (JSON:
`{"stories": [{"id", "headline", "paragraphs"}]}`, split by the same hash of their id), such as
`bench/data/fresh_agency_stories.json`, written apart to measure the checks on unseen copy.

With `--speed N`, it times the check of N engine-translated 12-paragraph stories against the
verbatim-digits baseline on the same translations, in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from py3langid.langid import classify

from polywire.check import Finding, Report, Severity, Text, check_translation, clear_caches
from polywire.check.calendar_names import MONTH, WEEKDAY, find_calendar, names_of
from polywire.check.checks.sentences import sentences
from polywire.check.documents import text_from_file
from polywire.check.names import names
from polywire.check.numbers import available_values, find_numbers
from polywire.check.text import fold
from polywire.match.same_story import match_stories
from polywire.translate.document import TranslationFailed, Translator
from polywire.translate.engines.apertium import ApertiumEngine
from polywire.translate.memory import DictMemory
from polywire.translate.router import Router

QUOTE_MARKS = '"“”„‟«»「」『』〝〞＂‹›'
INSERTED_NAME = "Maria Schmidt"
INSERTED_ACRONYM = "IMF"


@dataclass(frozen=True)
class Injected:
    kind: str
    story: str
    language: str
    paragraph: int  # 1-based, as findings count them
    translation: Text


@dataclass(frozen=True)
class Story:
    id: str
    topic: str
    source: Text
    translations: dict[str, Text]
    #: Faults written by hand into a translation's paragraph (a set's `faults`), beside the
    #: injected ones: a transliterated surname replaced, two transliterated parties swapped.
    written: tuple[Injected, ...] = ()


#: The checks that may rightly report each kind of fault.
EXPECTED = {
    "weekday": {"dates"},
    "month": {"dates"},
    "number": {"numbers", "dates"},  # a changed day or month number is a changed date
    "drop-name": {"names"},
    "add-name": {"names"},
    "add-acronym": {"names"},
    "drop-quote": {"quotes"},
    "untranslated": {"untranslated", "script"},
    "drop-paragraph": {"alignment"},
    "currency": {"currency"},
    "scale": {"numbers"},
    "negation": {"negation"},
    "person": {"names"},
    "role-swap": {"roles"},
    "sentence-dropped": {"sentences"},
    "repeated-value": {"numbers"},
}
#: Issue 14's kinds in the hand-written translations, per language (base tag): what to replace
#: with what, the first that the paragraph has. Written by hand, not from the checks' tables.
HAND_CURRENCY = {
    "vi": [("đô la", "euro"), ("USD", "EUR")],
    "de": [("Dollar", "Euro"), ("$", "€")],
    "ja": [("ドル", "ユーロ")],
    "ar": [("دولار", "يورو")],
    "zh": [("美元", "欧元")],
    "ko": [("달러", "유로")],
    "es": [("dólares", "euros"), ("$", "€")],
    "fr": [("dollars", "euros"), ("$", "€")],
    "pt": [("dólares", "euros"), ("US$", "€"), ("$", "€")],
    "ru": [("долларов", "евро"), ("доллара", "евро")],
    "id": [("dolar", "euro"), ("US$", "€")],
}
HAND_SCALE = {
    "vi": [("triệu", "tỷ"), ("tỷ", "triệu")],
    "de": [("Millionen", "Milliarden"), ("Million", "Milliarde"), ("Milliarden", "Millionen")],
    "ja": [("億", "万"), ("万", "億")],
    "ar": [("مليون", "مليار"), ("مليار", "مليون")],
    "zh": [("亿", "万"), ("萬", "億"), ("万", "亿")],
    "ko": [("억", "만"), ("만", "억")],
    "es": [("millones", "mil millones"), ("millón", "billón")],
    "fr": [("millions", "milliards"), ("million", "milliard")],
    "pt": [("milhões", "bilhões"), ("milhão", "bilhão")],
    "ru": [("миллиона", "миллиарда"), ("млн", "млрд")],
    "id": [("juta", "miliar"), ("miliar", "juta")],
}
HAND_NEGATION = {
    "vi": [(r"không ", ""), (r"chưa ", "đã ")],
    "de": [(r" nicht\b", ""), (r"\bkeine\b", "eine")],
    "ja": [(r"しなかった", "した"), (r"ていない", "ている"), (r"ません", "ます"), (r"ない", "る")],
    "ar": [(r"\bلم ", ""), (r"ولم ", "و"), (r"\bلن ", "")],
    "zh": [(r"没有", ""), (r"不", "")],
    "ko": [(r"지 않았다", "었다"), (r"지 않", "")],
    "es": [(r"\b[Nn]o (?=\w)", "")],
    "fr": [(r"\b[Nn]e (\w+) pas\b", r"\1"), (r"\b[Nn]'(\w+) pas\b", r"\1")],
    "pt": [(r"\b[Nn]ão (?=\w)", "")],
    "ru": [(r"\b[Нн]е (?=\w)", "")],
    "id": [(r"\btidak (?=\w)", "")],
}


def load(path: Path) -> list[Story]:
    data = json.loads(path.read_text("utf-8"))

    def text(item: dict[str, Any]) -> Text:
        return Text(item["language"], item["headline"], list(item["paragraphs"]))

    def written(story_id: str, tag: str, item: dict[str, Any]) -> Iterator[Injected]:
        for fault in item.get("faults", []):
            translation = with_paragraph(text(item), fault["paragraph"] - 1, fault["text"])
            yield Injected(fault["kind"], story_id, tag, fault["paragraph"], translation)

    return [
        Story(
            s["id"],
            s.get("topic", s["id"]),
            text(s["source"]),
            {tag: text(t) for tag, t in s["translations"].items()},
            tuple(f for tag, t in s["translations"].items() for f in written(s["id"], tag, t)),
        )
        for s in data["stories"]
    ]


def with_paragraph(text: Text, index: int, paragraph: str) -> Text:
    paragraphs = list(text.paragraphs)
    paragraphs[index] = paragraph
    return replace(text, paragraphs=paragraphs)


def before_final_mark(paragraph: str, insertion: str) -> str:
    stripped = paragraph.rstrip()
    end = len(stripped)
    while end and stripped[end - 1] in '.。!?」”»"':
        end -= 1
    return stripped[:end] + insertion + stripped[end:]


def injections(story: Story) -> Iterator[Injected]:
    for language, translation in story.translations.items():
        for index, (source, target) in enumerate(
            zip(story.source.paragraphs, translation.paragraphs, strict=True)
        ):
            number = index + 1

            def make(
                kind: str,
                paragraph: str,
                language: str = language,
                number: int = number,
                translation: Text = translation,
                index: int = index,
            ) -> Injected:
                changed = with_paragraph(translation, index, paragraph)
                return Injected(kind, story.id, language, number, changed)

            folded = fold(target)
            for kind, calendar_kind, size in (("weekday", WEEKDAY, 7), ("month", MONTH, 12)):
                mentions = [m for m in find_calendar(target, language) if m.kind == calendar_kind]
                if mentions and fold(target) == target:
                    m = mentions[0]
                    other = m.index % size + (0 if calendar_kind == WEEKDAY else 1)
                    other = (m.index + 1) % 7 if calendar_kind == WEEKDAY else other
                    new = names_of(language, calendar_kind, other)
                    yield make(kind, target[: m.start] + new + target[m.end :])
            source_values = available_values(source, story.source.language)
            numbers = [m for m in find_numbers(target, language) if m.values & source_values]
            if numbers and folded == target:
                m = numbers[0]
                digits = [i for i, c in enumerate(m.text) if c.isdigit()]
                last = m.start + digits[min(len(digits) - 1, 1 if len(digits) > 1 else 0)]
                changed = str((int(target[last]) + 1) % 10)
                yield make("number", target[:last] + changed + target[last + 1 :])
            calendar = find_calendar(source, story.source.language)
            for span in names(source, story.source.language):
                if any(m.start < span.end and span.start < m.end for m in calendar):
                    continue
                if span.text in target:
                    dropped = re.sub(r"\s{2,}", " ", target.replace(span.text, "", 1))
                    yield make("drop-name", dropped)
                    break
            yield make("add-name", before_final_mark(target, f", {INSERTED_NAME}"))
            yield make("add-acronym", before_final_mark(target, f" {INSERTED_ACRONYM}"))
            if any(mark in target for mark in QUOTE_MARKS):
                yield make("drop-quote", "".join(c for c in target if c not in QUOTE_MARKS))
            yield from hand_kinds(source, target, language, make)
            yield make("untranslated", source)
            kept = translation.paragraphs[:index] + translation.paragraphs[index + 1 :]
            yield Injected(
                "drop-paragraph", story.id, language, number, replace(translation, paragraphs=kept)
            )
    yield from story.written


def hand_kinds(
    source: str, target: str, language: str, make: Callable[[str, str], Injected]
) -> Iterator[Injected]:
    """Issue 14's kinds of fault in a hand-written translation's paragraph, where it fits."""
    base = language.split("-")[0]
    for kind, table in (("currency", HAND_CURRENCY), ("scale", HAND_SCALE)):
        for old, new in table.get(base, []):
            if old in target:
                yield make(kind, target.replace(old, new, 1))
                break
    for pattern, replacement in HAND_NEGATION.get(base, []):
        negated = re.sub(pattern, replacement, target, count=1)
        if negated != target:
            yield make("negation", negated)
            break
    people = [
        n.text
        for n in names(source, "en")
        if 2 <= len(n.text.split()) <= 3 and n.text in target and n.text.replace(" ", "").isalpha()
    ]
    if people:
        surname = people[0].split()[-1]
        yield make("person", target.replace(people[0], people[0][: -len(surname)] + "Whitfield", 1))
    swap = _role_swap(source, target)
    if swap is not None:
        yield make("role-swap", swap)
    repeated = _repeated(source, target, language)
    if repeated is not None and fold(target) == target:
        yield make("repeated-value", _bump(target, repeated))
    parts = sentences(target, language)
    if len(parts) >= 2 and len(sentences(source, "en")) >= 2:
        dropped = max(parts, key=len)
        if dropped in target:
            yield make("sentence-dropped", " ".join(target.replace(dropped, "").split()))


def caught(report: Report, fault: Injected) -> bool:
    return any(
        f.paragraph == fault.paragraph and f.check in EXPECTED[fault.kind] for f in report.findings
    )


def majors_only(report: Report) -> Report:
    """The report with its minor findings left out (`--major`)."""
    return replace(report, findings=[f for f in report.findings if f.severity == Severity.MAJOR])


def verbatim_digits(source: Text, translation: Text) -> set[int]:
    """The baseline: paragraphs whose source digit strings are not all in the translation."""
    flagged = set()
    pairs = [
        (source.headline, translation.headline),
        *zip(source.paragraphs, translation.paragraphs, strict=False),
    ]
    for number, (a, b) in enumerate(pairs):
        if any(token not in b for token in re.findall(r"\d[\d.,]*\d|\d", a)):
            flagged.add(number)
    return flagged


def timed(function: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat


def fidelity(stories: list[Story], major: bool = False) -> dict[str, Any]:
    """The figures of a hand-written set; `major`: counting major findings only."""

    def check(source: Text, translation: Text) -> Report:
        report = check_translation(source, translation)
        return majors_only(report) if major else report

    clean_paragraphs = flagged = baseline_flagged = 0
    false_by_check: Counter[str] = Counter()
    for story in stories:
        for translation in story.translations.values():
            report = check(story.source, translation)
            clean_paragraphs += 1 + len(story.source.paragraphs)
            paragraphs = {f.paragraph for f in report.findings}
            flagged += len(paragraphs)
            false_by_check.update(f.check for f in report.findings)
            baseline_flagged += len(verbatim_digits(story.source, translation))
    totals: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    baseline_hits: Counter[str] = Counter()
    for story in stories:
        for fault in injections(story):
            totals[fault.kind] += 1
            hits[fault.kind] += caught(check(story.source, fault.translation), fault)
            if fault.kind == "number":
                baseline_hits[fault.kind] += fault.paragraph in verbatim_digits(
                    story.source, fault.translation
                )
    pairs = [(s.source, t) for s in stories for t in s.translations.values()]

    def check_all() -> None:
        clear_caches()  # time reading every paragraph afresh, as a new rendition is
        for a, b in pairs:
            check_translation(a, b)

    ours = timed(check_all, 3) / len(pairs)
    baseline = timed(lambda: [verbatim_digits(a, b) for a, b in pairs], 300) / len(pairs)
    return {
        "clean_paragraphs": clean_paragraphs,
        "false_finding_rate": flagged / clean_paragraphs,
        "false_findings_by_check": dict(false_by_check),
        "baseline_false_finding_rate": baseline_flagged / clean_paragraphs,
        "recall": {kind: hits[kind] / totals[kind] for kind in EXPECTED if totals[kind]},
        "faults": dict(totals),
        "baseline_number_recall": baseline_hits["number"] / max(1, totals["number"]),
        "seconds_per_translation": ours,
        "baseline_seconds_per_translation": baseline,
    }


def same_story(stories: list[Story]) -> dict[str, Any]:
    versions = [(s, t) for s in stories for t in [s.source, *s.translations.values()]]
    counts: Counter[str] = Counter()
    for (story_a, a), (story_b, b) in itertools.combinations(versions, 2):
        same = story_a.id == story_b.id
        kind = "positive" if same else "hard" if story_a.topic == story_b.topic else "easy"
        predicted = match_stories(a, b).same_story
        counts[f"{kind}-{predicted}"] += 1
    true_positive = counts["positive-True"]
    false_positive = counts["hard-True"] + counts["easy-True"]
    positives = true_positive + counts["positive-False"]
    return {
        "pairs": sum(counts.values()),
        "precision": true_positive / max(1, true_positive + false_positive),
        "recall": true_positive / max(1, positives),
        "hard_negatives": counts["hard-True"] + counts["hard-False"],
        "hard_negatives_matched": counts["hard-True"],
        "easy_negatives_matched": counts["easy-True"],
    }


# --- the engine corpus: shipped samples and benchmark articles, translated by Apertium ---------

ENGINE_LANGUAGES = ("es", "fr", "pt")
ENGINE_KINDS = (
    "number",
    "weekday",
    "month",
    "year",
    "percentage",
    "currency",
    "scale",
    "negation",
    "person",
    "organisation",
    "role-swap",
    "sentence-dropped",
    "repeated-value",
    "name-as-word",
    "unit",
    "currency name",
)
#: Paragraphs of an article kept: a long story, as a wire writes one.
MAX_PARAGRAPHS = 12
SAMPLES = Path(__file__).resolve().parent.parent / "src" / "polywire" / "samples"
_CURRENCY_SWAPS = {
    "es": [("dólares", "euros"), ("dólar", "euro"), ("euros", "dólares"), ("libras", "euros")],
    "fr": [("dollars", "euros"), ("dollar", "euro"), ("euros", "dollars"), ("livres", "euros")],
    "pt": [("dólares", "euros"), ("dólar", "euro"), ("euros", "dólares"), ("libras", "euros")],
}
_SYMBOL_SWAPS = [("$", "€"), ("€", "$"), ("£", "€")]
#: An amount's unit in the translation → another unit of its dimension in the language's words or
#: symbols (the number kept); longer forms first, so that `km/h` is not read as `km`.
_UNIT_SWAPS = {
    "es": [
        ("kilómetros", "millas"), ("km/h", "mi/h"), ("km", "millas"), ("millas", "kilómetros"),
        ("mph", "km/h"), ("metros", "pies"), ("pies", "metros"), ("pulgadas", "centímetros"),
        ("centímetros", "pulgadas"), ("mm", "cm"), ("kilogramos", "toneladas"),
        ("kilos", "toneladas"), ("kg", "t"), ("toneladas", "kilogramos"), ("GW", "MW"),
        ("MW", "kW"), ("kW", "MW"), ("°C", "°F"), ("°F", "°C"), ("acres", "hectáreas"),
        ("hectáreas", "acres"), ("galones", "litros"), ("litros", "galones"), ("TB", "GB"),
        ("GB", "MB"), ("MB", "GB"),
    ],
    "fr": [
        ("kilomètres", "milles"), ("km/h", "mi/h"), ("km", "milles"), ("milles", "kilomètres"),
        ("mph", "km/h"), ("mètres", "pieds"), ("pieds", "mètres"), ("pouces", "centimètres"),
        ("centimètres", "pouces"), ("mm", "cm"), ("kilogrammes", "tonnes"), ("kilos", "tonnes"),
        ("kg", "t"), ("tonnes", "kilogrammes"), ("GW", "MW"), ("MW", "kW"), ("kW", "MW"),
        ("°C", "°F"), ("°F", "°C"), ("acres", "hectares"), ("hectares", "acres"),
        ("gallons", "litres"), ("litres", "gallons"), ("TB", "Go"), ("GB", "Mo"), ("Go", "Mo"),
        ("MB", "Go"), ("Mo", "Go"),
    ],
    "pt": [
        ("quilómetros", "milhas"), ("quilômetros", "milhas"), ("km/h", "mph"), ("km", "milhas"),
        ("milhas", "quilómetros"), ("mph", "km/h"), ("metros", "pés"), ("pés", "metros"),
        ("polegadas", "centímetros"), ("centímetros", "polegadas"), ("mm", "cm"),
        ("quilogramas", "toneladas"), ("quilos", "toneladas"), ("kg", "t"),
        ("toneladas", "quilogramas"), ("GW", "MW"), ("MW", "kW"), ("kW", "MW"), ("°C", "°F"),
        ("°F", "°C"), ("acres", "hectares"), ("hectares", "acres"), ("galões", "litros"),
        ("litros", "galões"), ("TB", "GB"), ("GB", "MB"), ("MB", "GB"),
    ],
}  # fmt: skip
#: A currency's name in the translation → another currency's name, where the source paragraph
#: names that currency in English, in lower case (`libra` is also a weight, `peso` a weight in
#: Spanish, `Euro` a tournament or an adjective: the source says which).
_CURRENCY_NAMES = {
    "dollar": (r"\bdollars?\b|\$|\bgreenback", {
        "es": [("dólares", "euros"), ("dólar", "euro")],
        "fr": [("dollars", "euros"), ("dollar", "euro")],
        "pt": [("dólares", "euros"), ("dólar", "euro")],
    }),
    "euro": (r"\beuros?\b|€", {
        "es": [("euros", "dólares"), ("euro", "dólar")],
        "fr": [("euros", "dollars"), ("euro", "dollar")],
        "pt": [("euros", "dólares"), ("euro", "dólar")],
    }),
    "pound": (r"£|\bsterling\b|\bthe pound\b", {
        "es": [("libras esterlinas", "euros"), ("libras", "euros"), ("libra", "euro")],
        "fr": [("livres sterling", "euros"), ("livres", "euros"), ("livre", "euro")],
        "pt": [("libras esterlinas", "euros"), ("libras", "euros"), ("libra", "euro")],
    }),
    "yuan": (r"\byuan\b|\brenminbi\b", {
        "es": [("yuanes", "yenes"), ("yuan", "yen")],
        "fr": [("yuans", "yens"), ("yuan", "yen")],
        "pt": [("yuans", "ienes"), ("yuan", "iene")],
    }),
    "yen": (r"\byen\b", {
        "es": [("yenes", "yuanes"), ("yen", "yuan")],
        "fr": [("yens", "yuans"), ("yen", "yuan")],
        "pt": [("ienes", "yuans"), ("iene", "yuan")],
    }),
    "peso": (r"\bpesos?\b", {
        "es": [("pesos", "dólares"), ("peso", "dólar")],
        "fr": [("pesos", "dollars"), ("peso", "dollar")],
        "pt": [("pesos", "dólares"), ("peso", "dólar")],
    }),
    "rupee": (r"\brupees?\b", {
        "es": [("rupias", "dólares"), ("rupia", "dólar")],
        "fr": [("roupies", "dollars"), ("roupie", "dollar")],
        "pt": [("rupias", "dólares"), ("rupia", "dólar")],
    }),
}  # fmt: skip
_SCALE_SWAPS = {
    "es": [("mil millones", "millones"), ("millones", "mil millones"), ("millón", "billón")],
    "fr": [("milliards", "millions"), ("millions", "milliards"), ("million", "milliard")],
    "pt": [("mil milhões", "milhões"), ("bilhões", "milhões"), ("milhões", "bilhões")],
}
#: An English negation, for the source paragraph of a negation fault: removing a negation the
#: engine added (`n'avons jamais vu` for `we've ever seen`) corrects the translation.
_ENGLISH_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|nowhere)\b|n[’']t\b",
    re.IGNORECASE,
)
_NEGATION = {
    "es": [(r"\b[Nn]o (?=\w)", "")],
    "fr": [
        (r"\b[Nn]e (\w+) (?:pas|jamais|plus)\b", r"\1"),
        (r"\b[Nn]'(\w+) (?:pas|jamais|plus)\b", r"\1"),
    ],
    "pt": [(r"\b[Nn]ão (?=\w)", "")],
}
#: A currency word is an amount's unit only after a number or a scale word (`5 millones de
#: dólares`, `miles de millones de dólares`), not in `por libras` (weight) or `autres livres`.
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:millones|millón|mil|millions?|milliards?|milhões|milhão|bilhões|milhares))"
    r"\s+(?:de\s+|d'|des\s+)?$"
)
_ORGANISATIONS = {
    "es": ["según el Banco Mundial", "según la Cruz Roja", "según Greenpeace"],
    "fr": ["selon la Banque mondiale", "selon la Croix-Rouge", "selon Greenpeace"],
    "pt": ["segundo o Banco Mundial", "segundo a Cruz Vermelha", "segundo o Greenpeace"],
}
_SURNAMES = ("Whitfield", "Moreau", "Kowalski")
_PERCENT = re.compile(r"\d+(?:[.,]\d+)?(?=\s?(?:%|por ciento|pour cent|por cento))")
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d.,]\d)")
_NOT_A_PERSON = {
    "street", "bank", "house", "university", "department", "ministry", "court", "council",
    "company", "group", "news", "times", "post", "journal", "united", "states", "national",
    "new", "north", "south", "east", "west", "san", "los", "las", "el", "la", "city",
}  # fmt: skip


@dataclass(frozen=True)
class Fault:
    kind: str
    story: str
    language: str
    paragraph: int  # 1-based, as findings count them
    translation: Text


def half_of(story_id: str) -> str:
    """The fixed split: a story's half follows from a hash of its id, never from the data."""
    return "tuning" if hashlib.sha256(story_id.encode()).digest()[0] % 2 == 0 else "held-out"


def source_stories(
    articles: Path | None, limit: int | None, extra: Path | None = None
) -> list[tuple[str, Text]]:
    """The sample stories, then the English articles of the benchmark's ground truth; or, given
    `extra` (`{"stories": [{"id", "headline", "paragraphs"}]}`), only that file's English
    stories (data written apart from the corpus, to measure it alone)."""
    if extra is not None:
        return [
            (item["id"], Text("en", item["headline"], list(item["paragraphs"])))
            for item in json.loads(extra.read_text("utf-8"))["stories"]
        ]
    found = [
        (path.stem, text_from_file(str(path), "en"))
        for path in sorted(SAMPLES.iterdir())
        if path.suffix in {".txt", ".html"}
    ]
    if articles is None:
        return found
    truth = json.loads((articles / "ground-truth.json").read_text("utf-8"))
    taken = 0
    for key, item in sorted(truth.items()):
        paragraphs = [" ".join(p.split()) for p in item["articleBody"].split("\n")]
        paragraphs = [p for p in paragraphs if len(p.split()) >= 4][:MAX_PARAGRAPHS]
        body = " ".join(paragraphs)
        if len(paragraphs) < 3 or classify(body)[0] != "en":
            continue  # too short, or not in English
        found.append((f"article-{key[:12]}", Text("en", "", paragraphs)))
        taken += 1
        if limit is not None and taken >= limit:
            break
    return found


def engine_translations(
    stories: list[tuple[str, Text]], cache: Path | None
) -> tuple[dict[str, dict[str, Text]], dict[str, dict[str, str]]]:
    """Every story in every `ENGINE_LANGUAGES`, and the engine's translations of the sources'
    single-word names read as common words (`trump` → `triunfo`), cached in `cache`."""
    cached: dict[str, Any] = {}
    if cache is not None and cache.exists():
        cached = json.loads(cache.read_text("utf-8"))
    translator = Translator(
        Router({"apertium": ApertiumEngine()}, order=["apertium"], pivots=["es"]), DictMemory()
    )
    texts: dict[str, dict[str, Any]] = cached.setdefault("texts", {})
    words: dict[str, dict[str, str]] = cached.setdefault("words", {})
    for story_id, source in stories:
        done = texts.setdefault(story_id, {})
        for language in ENGINE_LANGUAGES:
            if language not in done:
                try:
                    out = translator.translate(source.headline, source.paragraphs, "en", language)
                except TranslationFailed:
                    done[language] = None  # the engine refused a segment: no clean translation
                    continue
                done[language] = {"headline": out.headline, "paragraphs": out.body}
    if cache is not None:
        cache.write_text(json.dumps(cached, ensure_ascii=False, indent=1), "utf-8")
    wanted = sorted({w for _, s in stories for w in single_names(s)} - set(words.get("es", {})))
    for language in ENGINE_LANGUAGES:
        table = words.setdefault(language, {})
        for start in range(0, len(wanted), 50):
            chunk = wanted[start : start + 50]
            try:
                out = translator.translate("", [w.lower() for w in chunk], "en", language)
            except TranslationFailed:
                continue  # a word the engine cannot translate is no fault to inject
            table.update(zip(chunk, out.body, strict=True))
    if cache is not None:
        cache.write_text(json.dumps(cached, ensure_ascii=False, indent=1), "utf-8")
    translations = {
        story_id: {
            language: Text(language, t["headline"], list(t["paragraphs"]))
            for language, t in texts[story_id].items()
            if t is not None
        }
        for story_id, _ in stories
    }
    return translations, words


def single_names(text: Text) -> set[str]:
    """The words of the source's names, each to be looked up as a common word."""
    return {
        word
        for paragraph in text.paragraphs
        for span in names(paragraph, "en")
        for word in span.text.split()
        if word.isalpha() and len(word) > 2
    }


#: Scale words that say 10¹² (or a non-word) where an English billion (10⁹) was meant.
_WRONG_BILLIONS = re.compile(r"\b(?:billones|billón|billions?|biliões|bilião|mil millions)\b")


def engine_error(
    finding: Finding, translation: Text, words: dict[str, str], source: Text | None = None
) -> bool:
    """Whether a major finding on an engine's own output points at an error the engine made
    there: a name of the source rendered as its dictionary translation (`Trump` → `Triunfo`),
    or `billion` rendered as a scale word of 10¹² (`billones`). These are true findings, so
    they are not counted as false alarms (they are counted apart)."""
    index = finding.paragraph - 1
    if not 0 <= index < len(translation.paragraphs):
        return False
    target = translation.paragraphs[index]
    if finding.check == "numbers":
        number = finding.message.split(" of the source")[0]
        return ("billion" in number or "bn" in number) and bool(_WRONG_BILLIONS.search(target))
    if finding.check != "names":
        return False
    if source is not None and finding.target_span is not None and index < len(source.paragraphs):
        # a name the translation "adds" that is a source name rendered as its word (`Señor
        # Triunfo` for `Mr. Trump`)
        said = finding.target_span.text.lower().split()
        for name in single_names(replace(source, paragraphs=[source.paragraphs[index]])):
            local = words.get(name, "").lower()
            if local and local != name.lower() and local in said and name not in target:
                return True
    for word in re.findall(r"[A-Z][a-z]{2,}", finding.message):
        local = words.get(word, "")
        if (
            local.isalpha()
            and local.lower() != word.lower()
            and re.search(rf"\b{re.escape(local)}\b", target, re.IGNORECASE)
            and not re.search(rf"\b{re.escape(word)}\b", target)
        ):
            return True
    return False


def _sentences(paragraph: str) -> list[str]:
    return re.split(r"(?<=[.!?»”])\s+(?=[«“\"A-ZÀ-Ý¿¡])", paragraph)


def engine_faults(
    story_id: str, source: Text, translation: Text, words: dict[str, str]
) -> Iterator[Fault]:
    """At most one fault of each kind for one translation, the first place it fits."""
    language = translation.language
    seed = int(hashlib.sha256(f"{story_id}/{language}".encode()).hexdigest(), 16)
    made: set[str] = set()
    pairs = list(enumerate(zip(source.paragraphs, translation.paragraphs, strict=True)))
    rotated = pairs[seed % len(pairs) :] + pairs[: seed % len(pairs)]
    for index, (original, target) in rotated:

        def fault(kind: str, paragraph: str, index: int = index) -> Iterator[Fault]:
            if kind not in made and paragraph != translation.paragraphs[index]:
                made.add(kind)
                changed = with_paragraph(translation, index, paragraph)
                yield Fault(kind, story_id, language, index + 1, changed)

        values = available_values(original, "en")
        if fold(target) != target:
            continue  # numbers are found in the folded text: its places would not be the text's
        for kind, calendar_kind, size in (("weekday", WEEKDAY, 7), ("month", MONTH, 12)):
            mentions = [m for m in find_calendar(target, language) if m.kind == calendar_kind]
            if mentions:
                m = mentions[0]
                other = (m.index + 1) % 7 if calendar_kind == WEEKDAY else m.index % size + 1
                new = names_of(language, calendar_kind, other)
                yield from fault(kind, target[: m.start] + new + target[m.end :])
        percent = _PERCENT.search(target)
        if percent:
            yield from fault("percentage", _bump(target, percent.end() - 1))
        year = next((y for y in _YEAR.finditer(target) if Decimal(y.group()) in values), None)
        if year:
            yield from fault("year", _bump(target, year.end() - 1))
        numbers = [
            m
            for m in find_numbers(target, language)
            if m.values & values
            and not _YEAR.fullmatch(m.text)
            and not (percent and m.start == percent.start())
            and m.values != {Decimal(1)}
        ]
        if numbers:
            m = numbers[0]
            digits = [i for i, c in enumerate(m.text) if c.isdigit()]
            yield from fault("number", _bump(target, m.start + digits[min(1, len(digits) - 1)]))
        repeated = _repeated(original, target, language)
        if repeated is not None:
            yield from fault("repeated-value", _bump(target, repeated))
        for old, new in [*_CURRENCY_SWAPS[language], *_SYMBOL_SWAPS]:
            at = re.search(rf"(?<!\w){re.escape(old)}(?!\w)", target)
            if at and (
                _AMOUNT_BEFORE.search(target[max(0, at.start() - 30) : at.start()])
                if old.isalpha()
                else re.search(r"\d", target[at.end() : at.end() + 3])
            ):
                yield from fault("currency", target[: at.start()] + new + target[at.end() :])
                break
        unit = _unit_swap(target, language)
        if unit is not None:
            yield from fault("unit", unit)
        currency_name = _currency_name_swap(original, target, language)
        if currency_name is not None:
            yield from fault("currency name", currency_name)
        for old, new in _SCALE_SWAPS[language]:
            at = re.search(rf"(?<=\d )(?:de )?{re.escape(old)}(?!\w)", target)
            if at:
                start = at.start() + at.group().index(old)
                yield from fault("scale", target[:start] + new + target[start + len(old) :])
                break
        negatable = _NEGATION[language] if _ENGLISH_NEGATION.search(original) else []
        for pattern, replacement in negatable:
            negated = re.sub(pattern, replacement, target, count=1)
            if negated != target:
                yield from fault("negation", negated[:1].upper() + negated[1:])
                break
        organisation = _ORGANISATIONS[language][seed % 3]
        yield from fault("organisation", before_final_mark(target, f", {organisation}"))
        source_names = [n.text for n in names(original, "en")]
        people = [
            n
            for n in source_names
            if 2 <= len(n.split()) <= 3
            and all(w.isalpha() and w.lower() not in _NOT_A_PERSON for w in n.split())
            and n in target
        ]
        if people:
            person = people[0]
            surname = person.split()[-1]
            new_name = person[: -len(surname)] + _SURNAMES[seed % 3]
            yield from fault("person", target.replace(person, new_name, 1))
        swap = _role_swap(original, target)
        if swap is not None:
            yield from fault("role-swap", swap)
        sentences = _sentences(target)
        if len(sentences) >= 2:
            dropped = sentences[seed % len(sentences)]
            if len(dropped.split()) >= 4:
                kept = [s for s in sentences if s is not dropped]
                yield from fault("sentence-dropped", " ".join(kept))
        for name in (n for n in source_names if n in words and n in target):
            word = words[name]
            local = word[:1].upper() + word[1:]
            if word.isalpha() and word.lower() != name.lower():
                yield from fault("name-as-word", re.sub(rf"\b{name}\b", local, target, count=1))
                break


def _unit_swap(target: str, language: str) -> str | None:
    """The translation with the first unit of `_UNIT_SWAPS` written after a number replaced by
    another unit of its dimension, the number kept (`590 km` → `590 millas`)."""
    found = [
        (at.start(1), at.end(1), new)
        for old, new in _UNIT_SWAPS[language]
        for at in re.finditer(rf"\d[\s\u00a0-]?({re.escape(old)})(?![\w/])", target)
    ]
    if not found:
        return None
    start, end, new = min(found, key=lambda f: (f[0], -f[1]))
    return target[:start] + new + target[end:]


def _currency_name_swap(original: str, target: str, language: str) -> str | None:
    """The translation with a currency's name replaced by another currency's, where the source
    names that currency: preferably a name outside an amount (`the dollar`, `those dollars`),
    which the `currency` kind does not change, else an amount's unit."""
    found = [
        (_AMOUNT_BEFORE.search(target[max(0, at.start() - 30) : at.start()]) is not None, at, new)
        for english, swaps in _CURRENCY_NAMES.values()
        if re.search(english, original)
        for old, new in swaps[language]
        for at in re.finditer(rf"(?<!\w){re.escape(old)}(?!\w)", target)
    ]
    if not found:
        return None
    _, at, new = min(found, key=lambda f: (f[0], f[1].start(), -f[1].end()))
    return target[: at.start()] + new + target[at.end() :]


def _bump(text: str, position: int) -> str:
    """`text` with the digit at `position` changed (unchanged where there is no ASCII digit)."""
    if text[position] not in "0123456789":
        return text
    return text[:position] + str((int(text[position]) + 1) % 10) + text[position + 1 :]


def _repeated(original: str, target: str, language: str) -> int | None:
    """Where the second of two equal numbers of the paragraph ends, when the source has the
    value twice too."""
    seen: dict[frozenset[Decimal], int] = {}
    source_counts = Counter(m.values for m in find_numbers(original, "en"))
    for m in find_numbers(target, language):
        if m.values in seen and any(
            values & m.values and count >= 2 for values, count in source_counts.items()
        ):
            return m.end - 1 if m.text[-1].isdigit() else m.start
        seen[m.values] = m.start
    return None


def _role_swap(original: str, target: str) -> str | None:
    """The translation with two names of one source sentence swapped, each written once."""
    for sentence in _sentences(original):
        spans = [n.text for n in names(sentence, "en")]
        parties = [n for n in dict.fromkeys(spans) if target.count(n) == 1]
        for a, b in itertools.combinations(parties, 2):
            if a in b or b in a:
                continue
            marker = "\x00"
            return target.replace(a, marker).replace(b, a).replace(marker, b)
    return None


def engine_benchmark(
    articles: Path | None,
    cache: Path | None,
    limit: int | None,
    only: str | None,
    *,
    extra: Path | None = None,
    kinds: frozenset[str] = frozenset(ENGINE_KINDS),
    show_misses: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    stories = source_stories(articles, limit, extra)
    translations, words = engine_translations(stories, cache)
    figures: dict[str, Any] = {}
    timings: list[float] = []
    for half in ("tuning", "held-out"):
        if only and half != only:
            continue
        clean = alarmed = raw_alarmed = engine_errors = 0
        alarms: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        missed: dict[str, list[str]] = {}
        false_alarms: list[dict[str, Any]] = []
        for story_id, source in stories:
            if half_of(story_id) != half:
                continue
            for language, translation in translations[story_id].items():
                clear_caches()
                start = time.perf_counter()
                report = check_translation(source, translation)
                if len(source.paragraphs) >= MAX_PARAGRAPHS:
                    timings.append(time.perf_counter() - start)
                table = words.get(language, {})
                found = [f for f in report.findings if f.severity == Severity.MAJOR]
                majors = {_key(f) for f in found}
                false = [f for f in found if not engine_error(f, translation, table, source)]
                clean += 1
                raw_alarmed += bool(majors)
                alarmed += bool(false)
                engine_errors += len(found) - len(false)
                alarms.update(f.check for f in false)
                false_alarms += [
                    {"translation": f"{story_id}/{language}", **f.to_json()} for f in false
                ]
                for fault in engine_faults(story_id, source, translation, table):
                    if fault.kind not in kinds:
                        continue
                    totals[fault.kind] += 1
                    found = check_translation(source, fault.translation).findings
                    new = {
                        _key(f)
                        for f in found
                        if f.severity == Severity.MAJOR and f.paragraph == fault.paragraph
                    } - majors
                    hits[fault.kind] += bool(new)
                    if not new:
                        missed.setdefault(fault.kind, []).append(f"{story_id}/{language}")
                        if fault.kind in show_misses:
                            print_miss(fault, source, translation, found)
        figures[half] = {
            "stories": sum(half_of(s) == half for s, _ in stories),
            "clean_translations": clean,
            "false_major_rate": alarmed / max(1, clean),
            "any_major_rate": raw_alarmed / max(1, clean),
            "engine_errors_found": engine_errors,
            "false_majors_by_check": dict(alarms),
            "recall": {k: hits[k] / totals[k] for k in ENGINE_KINDS if totals[k]},
            "faults": {k: totals[k] for k in ENGINE_KINDS},
            "missed": {k: v[:5] for k, v in missed.items()},
            "false_alarms": false_alarms,
        }
    figures["seconds_per_12_paragraph_check"] = sum(timings) / max(1, len(timings))
    return figures


def print_miss(fault: Fault, source: Text, clean: Text, found: list[Finding]) -> None:
    """One missed fault, to stderr: the source paragraph, the clean and the faulty translation
    of it, and the findings there (what a heuristic is tuned from)."""
    index = fault.paragraph - 1
    lines = [
        f"--- {fault.kind} {fault.story}/{fault.language} paragraph {fault.paragraph}",
        f"source: {source.paragraphs[index]}",
        f"clean:  {clean.paragraphs[index]}",
        f"faulty: {fault.translation.paragraphs[index]}",
        *(
            f"  {f.severity} {f.check}: {f.message}"
            for f in found
            if f.paragraph == fault.paragraph
        ),
    ]
    print("\n".join(lines), file=sys.stderr)


def speed(
    articles: Path | None, cache: Path | None, limit: int, extra: Path | None = None
) -> dict[str, Any]:
    """Seconds per check of a 12-paragraph story (caches cleared before each), against the
    verbatim-digits baseline on the same translations in the same run."""
    stories = source_stories(articles, None, extra)
    translations, _ = engine_translations(stories, cache)
    pairs = [
        (source, translation)
        for story_id, source in stories
        if len(source.paragraphs) >= MAX_PARAGRAPHS
        for translation in translations[story_id].values()
    ][:limit]
    ours: list[float] = []
    if pairs:
        check_translation(*pairs[0])  # load the language models once, as a running stage has
    for source, translation in pairs:
        clear_caches()
        start = time.perf_counter()
        check_translation(source, translation)
        ours.append(time.perf_counter() - start)
    baseline = timed(lambda: [verbatim_digits(a, b) for a, b in pairs], 20) / max(1, len(pairs))
    ours.sort()
    return {
        "stories": len(pairs),
        "seconds_per_check_mean": sum(ours) / max(1, len(ours)),
        "seconds_per_check_median": ours[len(ours) // 2] if ours else 0.0,
        "seconds_per_check_max": ours[-1] if ours else 0.0,
        "baseline_seconds_per_check": baseline,
    }


def _key(finding: Finding) -> tuple[int, str, str]:
    return (finding.paragraph, finding.check, finding.message)


def print_engine(figures: dict[str, Any]) -> None:
    halves = [h for h in ("tuning", "held-out") if h in figures]
    print("| kind | " + " | ".join(halves) + " |")
    print("| --- |" + " --- |" * len(halves))
    for kind in ENGINE_KINDS:
        cells = []
        for half in halves:
            recall = figures[half]["recall"].get(kind)
            count = figures[half]["faults"][kind]
            cells.append(f"{recall:.2f} ({count})" if recall is not None else "– (0)")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    cells = [
        f"{figures[h]['false_major_rate']:.2f} ({figures[h]['clean_translations']})" for h in halves
    ]
    print("| clean translations with a false major | " + " | ".join(cells) + " |")
    cells = [
        f"{figures[h]['any_major_rate']:.2f} ({figures[h]['engine_errors_found']} engine errors)"
        for h in halves
    ]
    print("| clean translations with any major | " + " | ".join(cells) + " |")
    for half in halves:
        print(f"{half}: false majors by check {figures[half]['false_majors_by_check']}")
        print(f"{half}: missed {figures[half]['missed']}")
    seconds = figures["seconds_per_12_paragraph_check"]
    print(f"one check of a {MAX_PARAGRAPHS}-paragraph story: {seconds * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path, nargs="?", help="parallel stories (JSON)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--engine-corpus", action="store_true", help="run the engine-translated fault corpus"
    )
    parser.add_argument("--articles", type=Path, help="an article-extraction benchmark's folder")
    parser.add_argument("--limit", type=int, help="at most this many articles")
    parser.add_argument("--cache", type=Path, help="a JSON file keeping the engine's output")
    parser.add_argument(
        "--stories",
        type=Path,
        help="the engine corpus of these English stories (JSON) instead of samples and articles",
    )
    parser.add_argument(
        "--speed",
        type=int,
        metavar="N",
        help="time the check of N engine-translated 12-paragraph stories against the baseline",
    )
    parser.add_argument(
        "--half", choices=["tuning", "held-out"], help="only this half (by `half_of`)"
    )
    parser.add_argument(
        "--major", action="store_true", help="a dataset's figures counting major findings only"
    )
    parser.add_argument(
        "--kinds", default=",".join(ENGINE_KINDS), help="the kinds of fault to inject (comma list)"
    )
    parser.add_argument(
        "--misses",
        default="",
        metavar="KINDS",
        help="print the missed faults of these kinds (stderr)",
    )
    arguments = parser.parse_args()
    if arguments.speed:
        figures = speed(arguments.articles, arguments.cache, arguments.speed, arguments.stories)
        print(json.dumps(figures, indent=2))
        return
    if arguments.engine_corpus:
        figures = engine_benchmark(
            arguments.articles,
            arguments.cache,
            arguments.limit,
            arguments.half,
            kinds=frozenset(k for k in arguments.kinds.split(",") if k),
            show_misses=frozenset(k for k in arguments.misses.split(",") if k),
            extra=arguments.stories,
        )
        if arguments.json:
            print(json.dumps(figures, indent=2))
        else:
            print_engine(figures)
        return
    if arguments.dataset is None:
        parser.error("a dataset of parallel stories, or --engine-corpus, is required")
    stories = load(arguments.dataset)
    if arguments.half:
        stories = [s for s in stories if half_of(s.id) == arguments.half]
    result = {"fidelity": fidelity(stories, arguments.major), "same_story": same_story(stories)}
    if arguments.json:
        print(json.dumps(result, indent=2))
        return
    f, m = result["fidelity"], result["same_story"]
    print(
        f"clean paragraphs: {f['clean_paragraphs']}, with a finding: "
        f"{f['false_finding_rate']:.1%} (baseline verbatim digits: "
        f"{f['baseline_false_finding_rate']:.1%}) {f['false_findings_by_check']}"
    )
    for kind, recall in f["recall"].items():
        print(f"  recall {kind:<15} {recall:6.1%}  ({f['faults'][kind]} faults)")
    print(f"  baseline number recall {f['baseline_number_recall']:.1%}")
    ratio = f["seconds_per_translation"] / f["baseline_seconds_per_translation"]
    print(
        f"time per translation: {f['seconds_per_translation'] * 1000:.1f} ms, "
        f"{ratio:.0f}x the baseline's {f['baseline_seconds_per_translation'] * 1e6:.0f} µs"
    )
    print(
        f"same story: {m['pairs']} pairs, precision {m['precision']:.1%}, recall "
        f"{m['recall']:.1%}, hard negatives matched {m['hard_negatives_matched']} of "
        f"{m['hard_negatives']}, easy negatives matched {m['easy_negatives_matched']}"
    )


if __name__ == "__main__":
    main()
