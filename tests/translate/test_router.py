"""Routing: order per language, pivots, and falling back when an engine crashes or returns
garbage on a segment. The faulty engines here wrap the real Apertium engine."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from polywire.domain import BadInput
from polywire.settings.translate import Glossary
from polywire.translate.document import TranslationFailed, Translator, Unsupported
from polywire.translate.engines.apertium import ApertiumEngine
from polywire.translate.engines.base import Engine, EngineFault, Model
from polywire.translate.memory import DictMemory
from polywire.translate.router import Router

BODY = ["The government approved the plan on Monday.", "The mayor welcomed the decision."]


class Faulty(Engine):
    """Apertium's pairs, with one way of failing: crash, echo the source, or go silent."""

    description = "fault injection"

    def __init__(self, name: str, inner: ApertiumEngine, mode: str, on: str = "") -> None:
        self.name = name
        self.inner = inner
        self.mode = mode
        self.on = on
        self.calls = 0

    def pairs(self) -> list[tuple[str, str]]:
        return self.inner.pairs()

    def model(self, source: str, target: str) -> Model | None:
        return Model("faulty-1", "CC-BY-NC-4.0", commercial_use=False)

    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        glossary: dict[str, str] | None = None,
    ) -> list[str]:
        self.calls += 1
        if self.mode == "crash":
            raise EngineFault(self.name, "worker process died")
        if self.mode == "exception":
            raise RuntimeError("CUDA out of memory")
        out = self.inner.translate(segments, source, target)
        if self.mode == "mangle":
            return [o.replace("⟦", "[").replace("⟧", "]") for o in out]
        return [s if self.on in s else o for s, o in zip(segments, out, strict=True)]


def translator(*engines: Engine, pivots: Sequence[str] = ("es",)) -> Translator:
    names = [e.name for e in engines]
    router = Router({e.name: e for e in engines}, order=names, pivots=pivots)
    return Translator(router, DictMemory(), brand="Polywire")


@pytest.mark.parametrize("mode", ["crash", "exception"])
def test_a_crashing_engine_falls_back_to_the_next(apertium: ApertiumEngine, mode: str) -> None:
    broken = Faulty("broken", apertium, mode)
    done = translator(broken, apertium).translate("Good news", BODY, "en", "es")
    assert broken.calls == 1
    assert done.engine == "apertium"
    assert done.body[0] == "El gobierno aprobó el plan el lunes."


def test_garbage_on_one_segment_sends_only_that_segment_on(apertium: ApertiumEngine) -> None:
    echo = Faulty("echo", apertium, "echo", on="mayor")
    done = translator(echo, apertium).translate("Good news", BODY, "en", "es")
    assert done.engine == "echo+apertium"
    assert done.model == "faulty-1"
    assert done.notices == ["model faulty-1 is licensed CC-BY-NC-4.0: not for commercial use"]
    assert done.body == [
        "El gobierno aprobó el plan el lunes.",
        "El alcalde dio la bienvenida a la decisión.",
    ]


def test_every_route_failing_fails_the_language_naming_the_segment(
    apertium: ApertiumEngine,
) -> None:
    echo = Faulty("echo", apertium, "echo", on="mayor")
    with pytest.raises(TranslationFailed, match=r"1 of 3 segments failed.*'The mayor welcomed"):
        translator(echo).translate("Good news", BODY, "en", "es")


def test_route_per_language_and_engine_choice(apertium: ApertiumEngine) -> None:
    other = Faulty("other", apertium, "echo", on="\x00")
    router = Router(
        {"apertium": apertium, "other": other},
        order=["apertium", "other"],
        routes={"es": ["other"]},
        pivots=["es"],
    )
    assert [r.name for r in router.plan("en", "es")] == ["other"]
    assert [r.name for r in router.plan("en", "es", only="apertium")] == ["apertium"]
    assert [r.name for r in router.plan("en", "pt")] == [
        "other>apertium (via es)",
        "other>other (via es)",
    ]
    with pytest.raises(BadInput, match="no such engine"):
        router.plan("en", "es", only="nope")


def test_unsupported_pair(apertium: ApertiumEngine) -> None:
    with pytest.raises(Unsupported, match="no engine can translate en → th"):
        translator(apertium).translate("Good news", BODY, "en", "th")


def test_glossary_fixed_terms_and_memory(apertium: ApertiumEngine) -> None:
    counting = Faulty("counting", apertium, "echo", on="\x00")
    engine = translator(counting)
    glossary = Glossary(keep=["Monday"], fixed={"the plan": {"es": "el Plan Verde"}})
    done = engine.translate("Good news", BODY, "en", "es", glossary=glossary)
    assert done.body[0] == "El gobierno aprobó el Plan Verde encima Monday."
    assert (done.segments, done.memory.hits, counting.calls) == (3, 0, 1)
    again = engine.translate("Good news", [*BODY, "The mayor welcomed the decision."], "en", "es")
    assert again.memory.hits == 2  # headline and the unchanged second paragraph
    assert counting.calls == 2  # only the first paragraph (unprotected now) went to the engine
    assert again.body[1] == again.body[2]


def test_an_engine_that_mangles_placeholders_translates_around_them(
    apertium: ApertiumEngine,
) -> None:
    mangle = Faulty("mangle", apertium, "mangle")
    body = ["Details of the plan are at https://example.com/plan for all the people."]
    done = translator(mangle).translate("Good news", body, "en", "es")
    assert done.engine == "mangle"
    assert done.body == [
        "Los detalles del plan son en https://example.com/plan para todas las personas."
    ]
