"""Error-injection benchmark of the fidelity checks, and precision/recall of same-story matching.

Takes a dataset of parallel stories (JSON: `{"stories": [{"id", "topic", "published", "source":
{"language", "headline", "paragraphs"}, "translations": {tag: {...}}}]}`, paragraphs aligned one to
one), injects one fault at a time into the clean translations (a weekday, a month, a number
changed; a name dropped or added; an acronym added; a quotation's marks dropped; a paragraph left
untranslated; a paragraph dropped) and reports, per kind, the share of faults the checks report at
the right paragraph, and the share of clean paragraphs with any finding.

The baseline, run on the same data in the same process, is the check a newsroom script does
without polywire: every digit string of the source must appear verbatim in the translation.

    python bench/check_benchmark.py bench/data/parallel_news.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from polywire.check import Report, Text, check_translation, clear_caches
from polywire.check.calendar_names import MONTH, WEEKDAY, find_calendar, names_of
from polywire.check.names import names
from polywire.check.numbers import available_values, find_numbers
from polywire.check.text import fold
from polywire.match.same_story import match_stories

QUOTE_MARKS = '"“”„‟«»「」『』〝〞＂‹›'
INSERTED_NAME = "Maria Schmidt"
INSERTED_ACRONYM = "IMF"


@dataclass(frozen=True)
class Story:
    id: str
    topic: str
    source: Text
    translations: dict[str, Text]


@dataclass(frozen=True)
class Injected:
    kind: str
    story: str
    language: str
    paragraph: int  # 1-based, as findings count them
    translation: Text


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
}


def load(path: Path) -> list[Story]:
    data = json.loads(path.read_text("utf-8"))

    def text(item: dict[str, Any]) -> Text:
        return Text(item["language"], item["headline"], list(item["paragraphs"]))

    return [
        Story(
            s["id"],
            s.get("topic", s["id"]),
            text(s["source"]),
            {tag: text(t) for tag, t in s["translations"].items()},
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
            yield make("untranslated", source)
            kept = translation.paragraphs[:index] + translation.paragraphs[index + 1 :]
            yield Injected(
                "drop-paragraph", story.id, language, number, replace(translation, paragraphs=kept)
            )


def caught(report: Report, fault: Injected) -> bool:
    return any(
        f.paragraph == fault.paragraph and f.check in EXPECTED[fault.kind] for f in report.findings
    )


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


def fidelity(stories: list[Story]) -> dict[str, Any]:
    clean_paragraphs = flagged = baseline_flagged = 0
    false_by_check: Counter[str] = Counter()
    for story in stories:
        for translation in story.translations.values():
            report = check_translation(story.source, translation)
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
            hits[fault.kind] += caught(check_translation(story.source, fault.translation), fault)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path, help="parallel stories (JSON)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args()
    stories = load(arguments.dataset)
    result = {"fidelity": fidelity(stories), "same_story": same_story(stories)}
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
