"""How well and how fast stories are classified, on stories labelled by hand.

Input: a JSON Lines file, one story a line: {"id", "language", "headline", "body": [str],
"topic": "medtop:NN000000" (the top-level topic), "regions": ["ISO", ...]}. The labelled set
shipped in bench/data/classify_stories.jsonl is described in bench/README.md.

Figures, each against a baseline from the same run:
- top-level accuracy and macro-F1 of the first topic, against always answering the most common
  topic (the majority baseline);
- the same after learning from editors: the stories are split in two halves; each half is
  classified after the other half's labels were given as corrections;
- regions precision and recall (micro-averaged over story × country);
- stories per second, against tokenising the same stories only (the cheapest possible reading).
Each figure is given per half of the fixed split of the stories by id (`halves.py`; `--half
tuning|heldout|both`): the classifier's rules are tuned on the tuning half only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from halves import add_option, split

from polywire.classify.classifier import Classifier, StoryText
from polywire.classify.text import tokenize
from polywire.store.classify import CorrectionRow


@dataclass
class Labelled:
    id: str
    language: str
    headline: str
    body: list[str]
    topic: str
    regions: list[str]

    def story(self) -> StoryText:
        return StoryText(self.headline, self.body, self.language, key=(self.id, 1))


def load(path: Path) -> list[Labelled]:
    stories = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            stories.append(
                Labelled(
                    str(data["id"]),
                    data["language"],
                    data["headline"],
                    list(data["body"]),
                    data["topic"],
                    list(data.get("regions", [])),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            sys.exit(f"{path}:{number}: not a labelled story: {error}")
    return stories


def first_top_level(classifier: Classifier, story: Labelled) -> str:
    result = classifier.classify(story.story())
    if not result.topics:
        return "none"
    tops = classifier.vocabulary.top_of(result.topics[0].code)
    return tops[0] if tops else "none"


def accuracy_and_macro_f1(gold: list[str], predicted: list[str]) -> tuple[float, float]:
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    f1s = []
    for label in sorted(set(gold)):
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return accuracy, sum(f1s) / len(f1s)


def learned_predictions(stories: list[Labelled]) -> list[str]:
    """Each half classified after learning the other half's labels as editors' corrections."""
    predicted: dict[str, str] = {}
    halves = [stories[0::2], stories[1::2]]
    for taught, tested in ((halves[0], halves[1]), (halves[1], halves[0])):
        classifier = Classifier()
        for number, story in enumerate(taught, 1):
            classifier.memory.learn(
                CorrectionRow(
                    id=number,
                    story_id=story.id,
                    version=1,
                    language=story.language,
                    headline=story.headline,
                    body=story.body,
                    topics=[story.topic],
                    removed_topics=[],
                    regions=story.regions,
                    editor="bench",
                )
            )
        for story in tested:
            predicted[story.id] = first_top_level(classifier, story)
    return [predicted[s.id] for s in stories]


def regions_precision_recall(
    classifier: Classifier, stories: list[Labelled]
) -> tuple[float, float]:
    tp = fp = fn = 0
    for story in stories:
        found = {r.code for r in classifier.classify(story.story()).regions}
        gold = set(story.regions)
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def rate(work: object, stories: list[Labelled], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for story in stories:
            work(story)  # type: ignore[operator]
    return repeat * len(stories) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("stories", type=Path, help="labelled stories, JSON Lines")
    parser.add_argument("--repeat", type=int, default=5, help="passes for the speed figure")
    add_option(parser)
    args = parser.parse_args()
    for half, stories in split(load(args.stories), lambda story: story.id, args.half):
        print(f"## {half} half")
        report(stories, args.repeat)


def report(stories: list[Labelled], repeat: int) -> None:
    gold = [s.topic for s in stories]

    started = time.perf_counter()
    classifier = Classifier()
    predicted = [first_top_level(classifier, s) for s in stories]  # also builds every index
    warm_up = time.perf_counter() - started

    majority = Counter(gold).most_common(1)[0][0]
    base_accuracy, base_f1 = accuracy_and_macro_f1(gold, [majority] * len(gold))
    accuracy, macro_f1 = accuracy_and_macro_f1(gold, predicted)
    learned_accuracy, learned_f1 = accuracy_and_macro_f1(gold, learned_predictions(stories))
    precision, recall = regions_precision_recall(classifier, stories)
    tokenising = rate(
        lambda s: tokenize(s.headline + "\n" + "\n".join(s.body), s.language), stories, repeat
    )
    classifying = rate(lambda s: classifier.classify(s.story()), stories, repeat)

    languages = len({s.language for s in stories})
    print(f"{len(stories)} stories, {len(set(gold))} top-level topics, {languages} languages")
    print(f"first run (loads vocabulary, indexes, gazetteer): {warm_up:.1f} s")
    print("| figure | baseline | polywire | ratio |")
    print("| --- | --- | --- | --- |")
    print(f"| top-level accuracy | {base_accuracy:.2f} (majority) | {accuracy:.2f} | "
          f"{accuracy / base_accuracy:.1f} |")  # fmt: skip
    print(f"| top-level macro-F1 | {base_f1:.2f} (majority) | {macro_f1:.2f} | "
          f"{macro_f1 / base_f1:.1f} |")  # fmt: skip
    print(f"| accuracy after corrections of the other half | {accuracy:.2f} (lexical) | "
          f"{learned_accuracy:.2f} | {learned_accuracy / accuracy:.2f} |")  # fmt: skip
    print(f"| macro-F1 after corrections of the other half | {macro_f1:.2f} (lexical) | "
          f"{learned_f1:.2f} | {learned_f1 / macro_f1:.2f} |")  # fmt: skip
    print(f"| regions precision / recall | - | {precision:.2f} / {recall:.2f} | - |")
    print(f"| stories/s | {tokenising:,.0f} (tokenise only) | {classifying:,.0f} | "
          f"{classifying / tokenising:.3f} |")  # fmt: skip
    misses = [(s.id, s.language, s.topic, p) for s, p in zip(stories, predicted, strict=True)
              if p != s.topic]  # fmt: skip
    print("missed:", ", ".join(f"{i} ({lang}: {g[7:9]}→{p[7:9] if p != 'none' else '-'})"
                              for i, lang, g, p in misses))  # fmt: skip


if __name__ == "__main__":
    main()
