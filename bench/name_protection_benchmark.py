"""How many of a story's names come back whole from Apertium, without and with name protection.

On the sample stories shipped with polywire (or the text files given), translated from English
into es, fr and pt (pt through es) by Apertium with `Translator(names=False)` (URLs, e-mails and
the brand masked only: the wire before name protection) and `Translator(names=True)`:

- names: the names of the source's paragraphs (headlines apart: the check's reader takes a
  title-case headline for one long name) as the fidelity check reads them (`polywire.check.names`:
  runs of capitalised words inside a sentence, and acronyms; months and weekdays left out, a
  possessive's `'s` cut), an independent reader;
- verbatim: how many of them the aligned translated paragraph has as written, or in the
  target's own form where the place tables give one (`Germany` → `Alemania`);
- possessives: of the names written with an English possessive (`Apple's chief`), how many the
  translation writes as the target does, `de Apple` (French `d'Apple` before a vowel), not glued
  to the next word nor with the `de` dropped;
- masked: what the name reader masked in all, and how many of those spans the check's reader does
  not count as names (sentence-opening names such as `Musk said`, and any over-protection; `-v`
  lists them).

The name reader's rules were written on the sentences of `tests/translate/test_names.py`, never
on these stories: the samples are a held-out set for it.

    PYTHONPATH=src python bench/name_protection_benchmark.py [-v] [FILE ...]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from importlib.resources import files
from pathlib import Path

from babel import Locale

from polywire.check.names import acronyms, names
from polywire.domain import Extraction
from polywire.ingest import extract
from polywire.translate import segment
from polywire.translate.document import Translator
from polywire.translate.engines import ApertiumEngine
from polywire.translate.memory import DictMemory
from polywire.translate.names import NameReader
from polywire.translate.places import local_form
from polywire.translate.router import Router

TARGETS = ("es", "fr", "pt")


def stories(paths: list[Path]) -> list[Extraction]:
    if paths:
        return [extract(p.read_bytes(), source=str(p), language="en") for p in paths]
    samples = files("polywire.samples")
    return [
        extract(f.read_bytes(), source=f.name, language="en")
        for f in sorted(samples.iterdir(), key=lambda f: f.name)
        if f.name.endswith((".txt", ".html"))
    ]


#: Months and weekdays: the check's reader counts them, but they are words to translate.
CALENDAR = {
    str(name)
    for table in (Locale("en").months, Locale("en").days)
    for name in table["format"]["wide"].values()
}


def source_names(paragraph: str) -> list[str]:
    found = [s.text for s in [*names(paragraph, "en"), *acronyms(paragraph)]]
    return [n for n in (re.sub(r"['’]s?$", "", n) for n in found) if n not in CALENDAR]


def kept(name: str, translation: str, target: str) -> bool:
    local = local_form(name, "en", target)
    return name in translation or (local is not None and local in translation)


def possessives(paragraph: str, names: list[str]) -> list[str]:
    return [n for n in dict.fromkeys(names) if re.search(rf"{re.escape(n)}['’]s\b", paragraph)]


#: `de`, or its contraction with an article, and the article a place may take (`de la Unión
#: Europea`, `do Quénia`, `du Kenya`).
OF = r"\b(?:de|del|do|da|dos|das|du|des)(?: (?:la|el|los|las|le|les)|(?= )) |\bd['’]|\bde l['’]"


def genitive(name: str, translation: str, target: str) -> bool:
    written = local_form(name, "en", target) or name
    elided = target == "fr" and written[:1] in "AEIOUÉ"  # d'Apple, never de Apple
    of = r"\bd['’]|\bde l['’]" if elided else OF
    return re.search(rf"(?:{of}){re.escape(written)}", translation) is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    engine = ApertiumEngine()
    router = Router({engine.name: engine}, order=[engine.name], pivots=["es"])
    corpus = stories(args.files)
    totals: Counter[str] = Counter()
    print(
        "| target | source names | verbatim, before | verbatim, after "
        "| possessives | as the target writes them, before | after |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for target in TARGETS:
        counts: Counter[str] = Counter()
        for story in corpus:
            wanted = [source_names(p) for p in story.body]
            owned = [possessives(p, w) for p, w in zip(story.body, wanted, strict=True)]
            counts["names"] += sum(len(w) for w in wanted)
            counts["possessives"] += sum(len(o) for o in owned)
            for protect in (False, True):
                done = Translator(router, DictMemory(), names=protect).translate(
                    story.headline, story.body, "en", target
                )
                when = "after" if protect else "before"
                for want, own, text in zip(wanted, owned, done.body, strict=True):
                    counts[when] += sum(kept(name, text, target) for name in want)
                    counts[f"genitive {when}"] += sum(genitive(n, text, target) for n in own)
                    if args.verbose and protect:
                        lost = [n for n in want if not kept(n, text, target)]
                        if lost:
                            print(f"  {target} {story.headline[:30]!r}: not back: {lost}")
                        wrong = [n for n in own if not genitive(n, text, target)]
                        if wrong:
                            print(f"  {target} {story.headline[:30]!r}: possessive: {wrong}")
        totals.update(counts)
        n, g = counts["names"], counts["possessives"]
        print(
            f"| {target} | {n} | {counts['before']} ({counts['before'] / n:.0%}) "
            f"| {counts['after']} ({counts['after'] / n:.0%}) "
            f"| {g} | {counts['genitive before']} | {counts['genitive after']} |"
        )
    masked = extra = 0
    for story in corpus:
        originals = [story.headline, *story.body]
        sentences = [[*segment.sentences(p, "en")] for p in originals]
        reader = NameReader([s for p in sentences for s in p], "en", headline=sentences[0])
        for paragraph, sentence_list in zip(originals, sentences, strict=True):
            checked = set(source_names(paragraph))
            for sentence in sentence_list:
                for name in reader.names(sentence):
                    masked += 1
                    if name.text not in checked:
                        extra += 1
                        if args.verbose:
                            print(f"  masked, not a name to the check: {name.text!r}")
    print(
        f"\nNames masked: {masked}; of them not names to the check's reader: {extra}. "
        f"All targets: {totals['before']}/{totals['names']} names back before, "
        f"{totals['after']}/{totals['names']} after; possessives as the target writes them "
        f"{totals['genitive before']}/{totals['possessives']} before, "
        f"{totals['genitive after']}/{totals['possessives']} after."
    )


if __name__ == "__main__":
    main()
