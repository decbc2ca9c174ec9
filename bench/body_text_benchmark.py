"""How many real articles given as body text only (no headline) are accepted as stories.

Each hand-checked body of the article-extraction benchmark (the pages with one) is given to
`polywire.ingest.extract` as plain text, as a scraper that kept only the article's text hands it
over. Counted: the bodies accepted, those accepted with a headline derived from the body, and the
reasons the others were refused, per half of the fixed split (`halves.py`; `--half`). Every one
of them is a real article, so every refusal is wrong.

    python bench/body_text_benchmark.py ../shared/datasets/article-extraction-benchmark --half both
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from halves import add_option, split

from polywire.domain import BadInput
from polywire.ingest import extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset", type=Path, help="the article-extraction-benchmark folder")
    add_option(parser)
    args = parser.parse_args()
    truth = json.loads((args.dataset / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [(page_id, str(truth[page_id].get("articleBody") or "")) for page_id in sorted(truth)]
    bodies = [(page_id, body) for page_id, body in bodies if body.strip()]
    for half, chosen_bodies in split(bodies, lambda body: body[0], args.half):
        accepted = derived = 0
        refused: Counter[str] = Counter()
        for page_id, body in chosen_bodies:
            try:
                extraction = extract(body.encode(), source=page_id)
            except BadInput as error:
                refused[str(error).split(": ", 2)[-1].split(":")[0]] += 1
                continue
            accepted += 1
            derived += extraction.headline_derived
        print(f"{half}: {len(chosen_bodies)} article bodies given as text: {accepted} accepted")
        print(f"({derived} with a headline derived), {len(chosen_bodies) - accepted} refused")
        for reason, count in refused.most_common():
            print(f"  refused {count}: {reason}")


if __name__ == "__main__":
    main()
