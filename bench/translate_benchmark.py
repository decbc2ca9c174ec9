"""Translation throughput per engine, the pipeline's overhead, and the memory's hit rate.

For each engine available here (Apertium always; CTranslate2 with `--model-dir`; a chat model
with `--openai-base-url` and `--openai-model`), on the sample stories shipped with polywire (or the
text files given):

- direct: the engine's `translate` on the story's segments, exactly as the pipeline sends them
  (sentences, protected spans masked, each distinct segment once);
- pipeline: `Translator.translate` on the same story: segmentation, protection, routing,
  translation memory (empty), validation, reassembly and quotation marks, with the same engine.

The overhead is pipeline time / direct time - 1 (goal: under 10%); because both include the
engine, whose time varies with the machine's load, the pipeline's own work (its time outside
the engine, over the direct time) is given too: it does not depend on the engine's noise.

Then a 20-paragraph story is translated, one paragraph changed, and translated again: the
memory's hit rate on the update (goal: 95%).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from importlib.resources import files
from pathlib import Path

from polywire.domain import Extraction
from polywire.ingest import extract
from polywire.settings.translate import OpenAISettings
from polywire.translate import segment
from polywire.translate.document import Translator
from polywire.translate.engines import (
    ApertiumEngine,
    CTranslate2Engine,
    Engine,
    Model,
    OpenAIChatEngine,
)
from polywire.translate.memory import DictMemory
from polywire.translate.protect import Protector
from polywire.translate.router import Router
from polywire.translate.validate import needs_engine

BRAND = "Polywire"


def stories(paths: list[Path]) -> list[Extraction]:
    if paths:
        return [extract(p.read_bytes(), source=str(p), language="en") for p in paths]
    samples = files("polywire.samples")
    return [
        extract(f.read_bytes(), source=f.name, language="en")
        for f in sorted(samples.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".txt")
    ]


def segments_of(story: Extraction) -> list[str]:
    protector = Protector([BRAND])
    masked = [
        protector.mask(s).text
        for p in [story.headline, *story.body]
        for s in segment.sentences(p, "en")
    ]
    return [t for t in dict.fromkeys(masked) if needs_engine(t)]


def interleaved(
    first: Callable[[], None], second: Callable[[], None], repeat: int
) -> tuple[list[float], list[float]]:
    """Seconds of each run, run alternately so that drift in the machine's load hits both."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, out in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            run()
            out.append(time.perf_counter() - start)
    return times


class Timed(Engine):
    """Passes every call to `inner`, adding up the seconds spent inside it."""

    def __init__(self, inner: Engine) -> None:
        self.inner = inner
        self.name = inner.name
        self.description = inner.description
        self.seconds = 0.0

    def pairs(self) -> list[tuple[str, str]]:
        return self.inner.pairs()

    def model(self, source: str, target: str) -> Model | None:
        return self.inner.model(source, target)

    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        glossary: dict[str, str] | None = None,
    ) -> list[str]:
        start = time.perf_counter()
        try:
            return self.inner.translate(segments, source, target, glossary=glossary)
        finally:
            self.seconds += time.perf_counter() - start


def bench_engine(engine: Engine, target: str, corpus: list[Extraction], repeat: int) -> None:
    segments = [segments_of(s) for s in corpus]
    words = sum(len(t.split()) for seg in segments for t in seg)
    count = sum(len(seg) for seg in segments)
    timed = Timed(engine)
    router = Router({engine.name: timed}, order=[engine.name])

    def direct() -> None:
        for seg in segments:
            engine.translate(seg, "en", target)

    def pipeline() -> None:
        translator = Translator(router, DictMemory(), brand=BRAND)
        for story in corpus:
            translator.translate(story.headline, story.body, "en", target)

    pipeline()  # warm-up: load models, start caches
    timed.seconds = 0.0
    direct_runs, pipeline_runs = interleaved(direct, pipeline, repeat)
    direct_s, pipeline_s = statistics.median(direct_runs), statistics.median(pipeline_runs)
    own = (sum(pipeline_runs) - timed.seconds) / sum(direct_runs)
    print(
        f"| {engine.name} en→{target} | {count} | {count / direct_s:,.0f} seg/s, "
        f"{words / direct_s:,.0f} words/s | {count / pipeline_s:,.0f} seg/s, "
        f"{words / pipeline_s:,.0f} words/s | {100 * (pipeline_s / direct_s - 1):+.1f}% "
        f"| {100 * own:.1f}% |"
    )


def bench_memory(engine: Engine, target: str) -> None:
    body = [
        f"The council approved project {n} on Monday, the mayor's office said. "
        f"Work on the project will start in {2027 + n % 3} and cost {n * 3} million dollars."
        for n in range(1, 21)
    ]
    translator = Translator(Router({engine.name: engine}, order=[engine.name]), DictMemory())
    translator.translate("Council approves twenty projects", body, "en", target)
    body[9] = "The council rejected project 10 on Monday, the mayor's office said."
    update = translator.translate("Council approves twenty projects", body, "en", target)
    stats = update.memory
    print(
        f"| {engine.name} en→{target} | 20 paragraphs, 1 changed | {stats.hits} of "
        f"{stats.hits + stats.misses} segments from memory | {100 * stats.hit_rate:.1f}% |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("stories", nargs="*", type=Path, help="English text files")
    parser.add_argument("--target", default="es", help="target language (default es)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model-dir", type=Path, help="CTranslate2 models (polywire models)")
    parser.add_argument("--openai-base-url")
    parser.add_argument("--openai-model")
    args = parser.parse_args()
    corpus = stories(args.stories)
    engines: list[Engine] = [ApertiumEngine()]
    if args.model_dir:
        engines.append(CTranslate2Engine(args.model_dir))
    if args.openai_base_url and args.openai_model:
        settings = OpenAISettings(base_url=args.openai_base_url, model=args.openai_model)
        engines.append(OpenAIChatEngine(settings))
    usable = [e for e in engines if e.supports("en", args.target)]
    print(f"{len(corpus)} stories, en→{args.target}, median of {args.repeat} runs\n")
    print(
        "| engine | segments | direct | pipeline | overhead | pipeline's own work |\n"
        "| --- | --- | --- | --- | --- | --- |"
    )
    for engine in usable:
        bench_engine(engine, args.target, corpus, args.repeat)
    print("\n| engine | story | memory | hit rate |\n| --- | --- | --- | --- |")
    for engine in usable:
        bench_memory(engine, args.target)


if __name__ == "__main__":
    main()
