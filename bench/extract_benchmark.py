"""polywire's HTML extraction against plain trafilatura on the article-extraction benchmark.

Both run over the same 181 real pages in the same process: plain `trafilatura.extract(html)`, and
`polywire.ingest.extract`, whose body is read with its dateline put back (as a reader reads it).
Reported: precision, recall and F1 of word 4-gram shingles against the hand-checked bodies
(`shingles.py`), pages per second, and the ratios of ours to trafilatura's, for each half of the
fixed split (`halves.py`; `--half tuning|heldout|both`).

    python bench/extract_benchmark.py ../shared/datasets/article-extraction-benchmark --half both
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura
from halves import add_option, split
from shingles import Score, load_pages, score

from polywire.domain import BadInput
from polywire.ingest import extract
from polywire.ingest.render import body_with_dateline


def plain_trafilatura(page_id: str, html: bytes) -> str:
    return str(trafilatura.extract(html) or "")


def polywire_html(page_id: str, html: bytes) -> str:
    try:
        extraction = extract(html, source=page_id)
    except BadInput:
        return ""
    return "\n".join(body_with_dateline(extraction))


def run(
    extractors: list[Callable[[str, bytes], str]],
    pages: list[tuple[str, bytes, str]],
    rounds: int,
) -> list[tuple[Score, float]]:
    """Score and rate of each extractor. The extractors take turns page by page, so that a
    load spike on a shared machine slows them alike; each one's fastest round counts."""
    best = [float("inf")] * len(extractors)
    predictions: list[list[str]] = [[] for _ in extractors]
    for _ in range(rounds):
        spent = [0.0] * len(extractors)
        predictions = [[] for _ in extractors]
        for page_id, html, _ in pages:
            for number, extractor in enumerate(extractors):
                started = time.perf_counter()
                predictions[number].append(extractor(page_id, html))
                spent[number] += time.perf_counter() - started
        best = [min(b, s) for b, s in zip(best, spent, strict=True)]
    truths = [truth for _, _, truth in pages]
    return [
        (score(truths, found), len(pages) / seconds)
        for found, seconds in zip(predictions, best, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", type=Path, help="the article-extraction-benchmark folder")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (the best counts)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    add_option(parser)
    args = parser.parse_args()
    pages = load_pages(args.dataset, args.limit)
    for page_id, html, _ in pages[:10]:  # load models, CLDR data and caches before timing
        polywire_html(page_id, html)
        plain_trafilatura(page_id, html)
    print(f"{len(pages)} pages, best of {args.rounds} rounds")
    print("| half | extractor | pages | precision | recall | F1 | pages/s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    ratios = []
    for half, chosen_pages in split(pages, lambda page: page[0], args.half):
        measured = run([plain_trafilatura, polywire_html], chosen_pages, args.rounds)
        for name, (found, rate) in zip(
            ("trafilatura.extract", "polywire extract"), measured, strict=True
        ):
            print(
                f"| {half} | {name} | {len(chosen_pages)} | {found.precision:.3f} "
                f"| {found.recall:.3f} | {found.f1:.3f} | {rate:.1f} |"
            )
        (base, base_rate), (ours, our_rate) = measured
        ratios.append(
            f"{half}: F1 ratio {ours.f1 / base.f1:.3f}, speed ratio {our_rate / base_rate:.2f}"
        )
    print("\n".join(ratios))


if __name__ == "__main__":
    main()
