"""Translating a story: headline and paragraphs, sentence by sentence, through the routes.

One pass per target language: split each paragraph into sentences, mask protected spans and
the story's names (`names`; a place in the target's own form, `places`), look
each distinct segment up in the translation memory, send the rest to the first route, send what
that route failed on (an error, or garbage by `validate.problem`) to the next, then unmask, join
the sentences back into the same paragraphs and restyle the quotation marks. A segment no route
translates fails the whole language: nothing is left in the source language under a target label.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from polywire.domain import PolywireError
from polywire.glossary import rendering
from polywire.language_tags import base_language
from polywire.settings.translate import Glossary
from polywire.translate import quotes, segment
from polywire.translate.currency_words import currency_spans
from polywire.translate.engines.base import EngineFault
from polywire.translate.human import human_key
from polywire.translate.memory import Memory, MemoryKey, MemoryStats
from polywire.translate.names import NameReader
from polywire.translate.places import local_form
from polywire.translate.protect import PLACEHOLDER_SPLIT, Masked, Protector, unmask
from polywire.translate.router import Hop, Route, Router
from polywire.translate.validate import LOST_PLACEHOLDERS, needs_engine, problem

log = logging.getLogger("polywire.translate")


class Unsupported(PolywireError):
    """No engine can translate the pair, directly or through a pivot."""


class TranslationFailed(PolywireError):
    """Every route failed on at least one segment."""


@dataclass
class DocumentTranslation:
    language: str
    headline: str
    body: list[str]
    engine: str
    model: str | None
    notices: list[str] = field(default_factory=list)
    segments: int = 0
    memory: MemoryStats = field(default_factory=MemoryStats)

    def to_json(self) -> dict[str, object]:
        return {
            "headline": self.headline,
            "body": list(self.body),
            "engine": self.engine,
            "model": self.model,
        }


@dataclass
class _Outcome:
    texts: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


class Translator:
    """Translates documents with a router, a translation memory and protected terms."""

    def __init__(
        self, router: Router, memory: Memory, *, brand: str | None = None, names: bool = True
    ) -> None:
        self.router = router
        self.memory = memory
        self.brand = brand
        #: Mask the story's names (False: only URLs, e-mails, the brand and the glossary).
        self.names = names

    def translate(
        self,
        headline: str,
        body: Sequence[str],
        source: str,
        target: str,
        *,
        engine: str | None = None,
        glossary: Glossary | None = None,
        label: str | None = None,
    ) -> DocumentTranslation:
        """Translate a headline and its paragraphs from `source` into `target` (normalised
        tags); `label` is the target tag as the caller wants it reported."""
        label = label or target
        if source == target:
            return DocumentTranslation(label, headline, list(body), "source", None)
        routes = self.router.plan(source, target, only=engine)
        if not routes:
            via = f" (or through {', '.join(self.router.pivots)})" if self.router.pivots else ""
            raise Unsupported(f"no engine can translate {source} → {label}{via}")
        glossary = glossary or Glossary()
        keep = [*glossary.keep, *([self.brand] if self.brand else [])]
        fixed = {
            t: found for t in glossary.fixed if (found := rendering(glossary, t, label, target))
        }
        protector = Protector(keep, fixed)
        originals = [headline, *body]
        by_hand = self.memory.lookup(human_key(p, source, target) for p in originals)
        human = {key.text: text for key, text in by_hand.items()}
        split = [[] if p in human else segment.sentences(p, source) for p in originals]
        reader = NameReader([s for p in split for s in p], source, headline=split[0])

        def mask(sentence: str) -> Masked:
            found = [
                (n.start, n.end, local_form(n.text, source, target) or n.text)
                for n in (reader.names(sentence) if self.names else [])
            ]
            if source == "en" and self.names:
                found += [
                    (start, end, word)
                    for start, end, word in currency_spans(sentence, target)
                    if all(end <= s or start >= e for s, e, _ in found)
                ]
            return protector.mask(sentence, found)

        paragraphs = [[mask(s) for s in p] for p in split]
        pending = list(dict.fromkeys(m.text for p in paragraphs for m in p if needs_engine(m.text)))
        result = DocumentTranslation(label, "", [], "", None, segments=len(pending))
        result.memory.hits += len(human)
        done: dict[str, str] = {}
        used: list[Route] = []
        errors: dict[str, str] = {}
        for route in routes:
            if not pending:
                break
            outcome = self._route(route, pending, result.memory, fixed)
            if outcome.texts:
                used.append(route)
            done.update(outcome.texts)
            errors.update({t: f"{route.name}: {e}" for t, e in outcome.errors.items()})
            pending = [t for t in pending if t not in done]
        if pending:
            first = pending[0]
            raise TranslationFailed(
                f"{source} → {label}: {len(pending)} of {result.segments} segments failed on "
                f"every route; first {first[:80]!r}: {errors.get(first, 'not tried')}"
            )
        texts = [
            human[original] if original in human else self._paragraph(p, done, target)
            for original, p in zip(originals, paragraphs, strict=True)
        ]
        result.headline, result.body = texts[0], texts[1:]
        result.engine = "+".join([*(r.name for r in used), *(["human"] if human else [])]) or "none"
        models = [h.engine.model(h.source, h.target) for r in used for h in r.hops]
        names = [m.name for m in models if m is not None]
        result.model = "+".join(names) if names else None
        result.notices = [n for m in models if m is not None and (n := m.notice)]
        for notice in result.notices:
            log.warning("%s → %s: %s", source, label, notice)
        return result

    def _paragraph(self, masked: list[Masked], done: dict[str, str], target: str) -> str:
        language = base_language(target)
        sentences = [unmask(done.get(m.text, m.text), m, language) for m in masked]
        return quotes.restyle(segment.join(sentences, target), target)

    def _route(
        self, route: Route, texts: list[str], stats: MemoryStats, hints: dict[str, str]
    ) -> _Outcome:
        """Send `texts` along every hop of `route`; what fails on a hop stops there."""
        current = {t: t for t in texts}  # original → its text at this hop
        outcome = _Outcome()
        for hop in route.hops:
            step = self._hop(hop, list(dict.fromkeys(current.values())), stats, hints)
            for original, text in list(current.items()):
                if text in step.texts:
                    current[original] = step.texts[text]
                else:
                    outcome.errors[original] = step.errors.get(text, "no translation")
                    del current[original]
        outcome.texts = current
        return outcome

    def _hop(
        self, hop: Hop, texts: list[str], stats: MemoryStats, hints: dict[str, str]
    ) -> _Outcome:
        engine, model = hop.engine, hop.engine.model(hop.source, hop.target)
        keys = {
            t: MemoryKey(t, hop.source, hop.target, engine.name, model.name if model else None)
            for t in texts
        }
        remembered = self.memory.lookup(keys.values())
        outcome = _Outcome()
        misses: list[str] = []
        for text, key in keys.items():
            if key in remembered:
                outcome.texts[text] = remembered[key]
            else:
                misses.append(text)
        stats.hits += len(texts) - len(misses)
        stats.misses += len(misses)
        if not misses:
            return outcome
        try:
            outputs = engine.translate(misses, hop.source, hop.target, glossary=hints)
        except EngineFault as fault:
            outcome.errors = dict.fromkeys(misses, fault.problem)
            log.warning("%s: %s", engine.name, fault.problem)
            return outcome
        except Exception as error:  # an engine library's own failure: the next route may work
            message = f"{type(error).__name__}: {error}"
            outcome.errors = dict.fromkeys(misses, message)
            log.warning("%s failed: %s", engine.name, message)
            return outcome
        if len(outputs) != len(misses):
            outcome.errors = dict.fromkeys(misses, f"returned {len(outputs)} of {len(misses)}")
            return outcome
        around: list[str] = []
        for text, output in zip(misses, outputs, strict=True):
            wrong = problem(text, output, hop.source, hop.target)
            if wrong == LOST_PLACEHOLDERS:
                around.append(text)
            elif wrong is not None:
                outcome.errors[text] = wrong
                log.warning(
                    "%s %s→%s on %r: %s", engine.name, hop.source, hop.target, text[:80], wrong
                )
            else:
                outcome.texts[text] = output
                self.memory.remember(keys[text], output)
        if around:
            self._translate_around(hop, around, keys, outcome, hints)
        return outcome

    def _translate_around(
        self,
        hop: Hop,
        texts: list[str],
        keys: dict[str, MemoryKey],
        outcome: _Outcome,
        hints: dict[str, str],
    ) -> None:
        """For an engine that mangles placeholders: translate the text between them, piece by
        piece, and put the placeholders back in their places."""
        split = {t: PLACEHOLDER_SPLIT.split(t) for t in texts}
        pieces = list(
            dict.fromkeys(
                p.strip() for parts in split.values() for p in parts[::2] if needs_engine(p)
            )
        )
        done = self._hop(hop, pieces, MemoryStats(), hints)
        for text, parts in split.items():
            out: list[str] = []
            for index, part in enumerate(parts):
                core = part.strip()
                if index % 2 or not needs_engine(part):
                    out.append(part)
                elif core in done.texts:
                    lead, trail = part[: len(part) - len(part.lstrip())], part[len(part.rstrip()) :]
                    out.append(lead + done.texts[core] + trail)
                else:
                    outcome.errors[text] = f"{LOST_PLACEHOLDERS}; {done.errors.get(core, '')}"
                    break
            else:
                outcome.texts[text] = "".join(out)
                self.memory.remember(keys[text], outcome.texts[text])
