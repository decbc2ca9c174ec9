"""Every negation of the engine's translations removed in turn: how many the negation check
reports.

`check_benchmark.py` removes the first negation of a paragraph (`no`, `não`, `ne … pas`) and
only that one; a paragraph's later negations, often the ones beside concord (`no ha habido
ningún aumento`), are never tried. This removes each of them in turn, with the same patterns,
from the clean translations of a `check_benchmark.py` cache whose source paragraph negates and
whose clean translation has no negation major, and counts the removals the check reports as a
major negation finding. A removal of a negation the engine added (`nunca vendió` for `ever
sold`) or of an idiom's cue (`a no ser que`) is counted too: the figure is for comparing two
versions of the check on the same caches, not a recall.

    python bench/negation_removals.py --cache /tmp/dev.json --stories /tmp/dev_stories.json
    python bench/negation_removals.py --cache /tmp/fresh3.json \
        --stories bench/data/fresh_agency_stories_3.json --half tuning
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from check_benchmark import _ENGLISH_NEGATION, _NEGATION, half_of

from polywire.check import Severity, Text, check_translation


def removals(target: str, language: str) -> list[str]:
    """The translation with one of its negations removed, for each of them."""
    faulty = []
    for pattern, replacement in _NEGATION.get(language, []):
        for match in re.finditer(pattern, target):
            faulty.append(
                target[: match.start()] + match.expand(replacement) + target[match.end() :]
            )
    return faulty


def negation_major(source: str, target: str, language: str) -> bool:
    report = check_translation(Text("en", "", [source]), Text(language, "", [target]))
    return any(f.check == "negation" and f.severity == Severity.MAJOR for f in report.findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True, help="a check_benchmark.py cache")
    parser.add_argument("--stories", type=Path, required=True, help="its English stories")
    parser.add_argument("--half", choices=["tuning", "held-out"], help="one half of the stories")
    args = parser.parse_args()
    texts = json.loads(args.cache.read_text("utf-8"))["texts"]
    stories = {s["id"]: s for s in json.loads(args.stories.read_text("utf-8"))["stories"]}
    tried = caught = 0
    for story_id, translations in texts.items():
        if story_id not in stories or (args.half and half_of(story_id) != args.half):
            continue
        for language, translation in translations.items():
            if not translation:
                continue
            pairs = zip(stories[story_id]["paragraphs"], translation["paragraphs"], strict=False)
            for source, target in pairs:
                if not _ENGLISH_NEGATION.search(source) or negation_major(source, target, language):
                    continue
                for faulty in removals(target, language):
                    tried += 1
                    caught += negation_major(source, faulty, language)
    print(f"negations removed: {tried}, reported: {caught}")


if __name__ == "__main__":
    main()
