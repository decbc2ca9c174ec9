"""The scraped-text cleaner on the article-extraction benchmark's pages rendered to plain text.

Each of the 181 pages is rendered to text as a scraper would hand it over, with links and images
dropped and no line wrapping, by one or more renderers (`--renderer`): html2text (the renderer
the cleaner was tuned on), inscriptis, lynx (`-dump -nolist`) and w3m (`-dump`). Each text is
given to `polywire.ingest.extract` (the text path); its body, with the dateline put back, is
scored against the hand-checked bodies with the benchmark's word 4-gram shingle metric, next to
the baseline of taking the whole text as the body, per renderer and per half of the fixed split
(`halves.py`; `--half tuning|heldout|both`). Rendering is not timed; pages/s is the cleaner's own
rate. lynx and w3m are Debian packages (`apt-get install lynx w3m`), inscriptis and html2text
the `bench` extra.

    python bench/scraped_text_benchmark.py ../shared/datasets/article-extraction-benchmark \
        --renderer all --half both
"""

from __future__ import annotations

import argparse
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import html2text
import inscriptis
from halves import add_option, split
from shingles import load_pages, score

from polywire.domain import BadInput
from polywire.ingest import extract
from polywire.ingest.decode import decode
from polywire.ingest.render import body_with_dateline


def with_html2text(html: str) -> str:
    converter = html2text.HTML2Text()
    converter.ignore_links = True
    converter.ignore_images = True
    converter.body_width = 0
    return str(converter.handle(html))


def with_inscriptis(html: str) -> str:
    return str(inscriptis.get_text(html))


def with_command(*command: str) -> Callable[[str], str]:
    def render(html: str) -> str:
        return subprocess.run(
            command, input=html.encode(), capture_output=True, check=True, timeout=60
        ).stdout.decode("utf-8", errors="replace")

    return render


RENDERERS: dict[str, Callable[[str], str]] = {
    "html2text": with_html2text,
    "inscriptis": with_inscriptis,
    "lynx": with_command(
        "lynx",
        "-dump",
        "-nolist",
        "-stdin",
        "-width=1024",
        "-force_html",
        "-assume_charset=utf-8",
        "-display_charset=utf-8",
    ),
    "w3m": with_command(
        "w3m", "-dump", "-T", "text/html", "-cols", "1024", "-I", "UTF-8", "-O", "UTF-8"
    ),
}


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
    parser.add_argument(
        "--renderer",
        choices=[*RENDERERS, "all"],
        default="html2text",
        help="how the pages are rendered to text (default: html2text, the one tuned on)",
    )
    add_option(parser)
    args = parser.parse_args()
    pages = load_pages(args.dataset, args.limit)
    renderers = list(RENDERERS) if args.renderer == "all" else [args.renderer]
    print(f"{len(pages)} pages")
    print("| renderer | half | pages | body | precision | recall | F1 | no story | pages/s |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for renderer in renderers:
        for half, chosen_pages in split(pages, lambda page: page[0], args.half):
            texts = [
                (page_id, RENDERERS[renderer](decode(html, page_id)))
                for page_id, html, _ in chosen_pages
            ]
            truths = [truth for _, _, truth in chosen_pages]
            for page_id, text in texts[:10]:  # load CLDR data and caches before timing
                cleaned(page_id, text)
            started = time.perf_counter()
            predictions = [cleaned(page_id, text) for page_id, text in texts]
            rate = len(texts) / (time.perf_counter() - started)
            failed = sum(1 for prediction in predictions if not prediction)
            rows = [
                ("whole text (baseline)", score(truths, [text for _, text in texts]), "", ""),
                ("polywire cleaner", score(truths, predictions), str(failed), f"{rate:.1f}"),
            ]
            for name, measured, no_story, speed in rows:
                print(
                    f"| {renderer} | {half} | {len(texts)} | {name} | {measured.precision:.3f} "
                    f"| {measured.recall:.3f} | {measured.f1:.3f} | {no_story} | {speed} |"
                )


if __name__ == "__main__":
    main()
