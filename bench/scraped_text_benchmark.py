"""The scraped-text cleaner on the article-extraction benchmark's pages rendered to plain text.

Each of the 181 pages is rendered to text with html2text (links and images dropped, no line
wrapping), as a scraper would hand it over, and given to `polywire.ingest.extract` (the text
path). Its body, with the dateline put back, is scored against the hand-checked bodies with the
benchmark's word 4-gram shingle metric, next to the baseline of taking the whole text as the body.
Rendering is not timed; pages/s is the cleaner's own rate.

    python bench/scraped_text_benchmark.py ../shared/datasets/article-extraction-benchmark
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import html2text
from shingles import load_pages, score

from polywire.domain import BadInput
from polywire.ingest import extract
from polywire.ingest.decode import decode
from polywire.ingest.render import body_with_dateline


def render(page_id: str, html: bytes) -> str:
    converter = html2text.HTML2Text()
    converter.ignore_links = True
    converter.ignore_images = True
    converter.body_width = 0
    return str(converter.handle(decode(html, page_id)))


def cleaned(page_id: str, text: str) -> str:
    try:
        extraction = extract(text.encode(), source=page_id)
    except BadInput:
        return ""
    return "\n".join(body_with_dateline(extraction))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", type=Path, help="the article-extraction-benchmark folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = parser.parse_args()
    pages = load_pages(args.dataset, args.limit)
    texts = [(page_id, render(page_id, html)) for page_id, html, _ in pages]
    truths = [truth for _, _, truth in pages]
    for page_id, text in texts[:10]:  # load CLDR data and caches before timing
        cleaned(page_id, text)
    started = time.perf_counter()
    predictions = [cleaned(page_id, text) for page_id, text in texts]
    rate = len(texts) / (time.perf_counter() - started)
    failed = sum(1 for prediction in predictions if not prediction)
    rows = [
        ("whole text as the body (baseline)", score(truths, [text for _, text in texts])),
        ("polywire scraped-text cleaner", score(truths, predictions)),
    ]
    print(f"{len(pages)} pages rendered with html2text; cleaner: {rate:.1f} pages/s")
    print("| body | precision | recall | F1 |")
    print("| --- | --- | --- | --- |")
    for name, measured in rows:
        print(f"| {name} | {measured.precision:.3f} | {measured.recall:.3f} | {measured.f1:.3f} |")
    print(f"pages where the cleaner found no story: {failed}")


if __name__ == "__main__":
    main()
