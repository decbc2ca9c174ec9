"""Development text for the fidelity checks: later paragraphs of the tuning half's articles.

The engine corpus (`check_benchmark.py --engine-corpus`) takes the first 12 paragraphs of each
English article of an article-extraction benchmark and splits the articles by a hash of their id
into a tuning half and a held-out half. Once the tuning half raises almost no false alarm, rules
need more text to be tuned on that is still not held-out text: the same tuning articles'
*later* paragraphs. This script writes them in the `--stories` format, in chunks (paragraphs
13–24, 25–40, 41–56, 57–80 by default), one story per article and chunk:

    python bench/dev_text.py ../shared/datasets/article-extraction-benchmark /tmp/dev.json
    PYTHONPATH=src python bench/check_benchmark.py --engine-corpus \
        --stories /tmp/dev.json --cache /tmp/dev_cache.json --json

Every story written comes from a tuning-half article (the check benchmark's own hash then splits
the chunks again, but all of them are tuning text); a held-out article is never read past its
id. A chunk of fewer than three paragraphs is left out, like a short article in the corpus.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from check_benchmark import half_of
from py3langid.langid import classify

CHUNKS = ((12, 24), (24, 40), (40, 56), (56, 80))


def development_stories(articles: Path) -> list[dict[str, object]]:
    """The later paragraphs of every English tuning-half article, one story per chunk."""
    truth = json.loads((articles / "ground-truth.json").read_text("utf-8"))
    stories: list[dict[str, object]] = []
    for key, item in sorted(truth.items()):
        article_id = f"article-{key[:12]}"
        if half_of(article_id) != "tuning":
            continue
        paragraphs = [" ".join(p.split()) for p in item["articleBody"].split("\n")]
        paragraphs = [p for p in paragraphs if len(p.split()) >= 4]
        if classify(" ".join(paragraphs[:12]))[0] != "en":
            continue
        for start, end in CHUNKS:
            chunk = paragraphs[start:end]
            if len(chunk) >= 3:
                stories.append(
                    {"id": f"{article_id}-p{start + 1}", "headline": "", "paragraphs": chunk}
                )
    return stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="an article-extraction benchmark's folder")
    parser.add_argument("output", type=Path, help="the JSON file to write (`--stories` format)")
    arguments = parser.parse_args()
    stories = development_stories(arguments.articles)
    about = "later paragraphs of the engine corpus's tuning-half articles (bench/dev_text.py)"
    arguments.output.write_text(
        json.dumps({"about": about, "stories": stories}, ensure_ascii=False, indent=1), "utf-8"
    )
    print(f"{len(stories)} stories written to {arguments.output}")


if __name__ == "__main__":
    main()
