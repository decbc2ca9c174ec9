"""An editor's hand translation teaches the memory: the same paragraph, in a later version or
another story, comes back as the editor wrote it, and only the rest goes to an engine."""

from __future__ import annotations

from polywire.translate.document import Translator
from polywire.translate.engines.apertium import ApertiumEngine
from polywire.translate.human import learn
from polywire.translate.memory import DictMemory
from polywire.translate.router import Router

HEADLINE = "Solar cooperative opens its first plant"
FIRST = "The cooperative said on Monday that the plant will supply power to 4,000 homes."
SECOND = "The mayor called it a good day for the town and thanked the residents."


def test_an_editors_paragraph_is_used_before_any_engine(apertium: ApertiumEngine) -> None:
    memory = DictMemory()
    router = Router({"apertium": apertium}, order=["apertium"], pivots=["es"])
    translator = Translator(router, memory)
    edited = "La cooperativa dijo el lunes que la planta dará energía a 4.000 hogares."
    headline = "La cooperativa solar inaugura su primera planta"
    assert learn(memory, [HEADLINE, FIRST], [headline, edited], "en", "es") == 2
    assert learn(memory, [HEADLINE], [headline, edited], "en", "es") == 0  # no guessing

    done = translator.translate(HEADLINE, [FIRST, SECOND], "en", "es")
    assert done.headline == headline
    assert done.body[0] == edited
    assert done.body[1] != SECOND and "alcalde" in done.body[1]  # the new paragraph: Apertium
    assert done.engine == "apertium+human"
    assert done.memory.hits >= 2

    only_human = translator.translate(HEADLINE, [FIRST], "en", "es")
    assert (only_human.engine, only_human.body) == ("human", [edited])
    assert translator.translate(HEADLINE, [FIRST], "en", "pt").headline != headline
