"""Build a `Translator` from settings: the engines, their router and a memory."""

from __future__ import annotations

from polywire.config import Settings
from polywire.translate.document import Translator
from polywire.translate.engines import build_engines
from polywire.translate.memory import DictMemory, Memory
from polywire.translate.router import Router


def router_for(settings: Settings) -> Router:
    config = settings.translate
    engines = build_engines(config, settings.data_dir)
    return Router(engines, order=config.engines, routes=config.routes, pivots=config.pivots)


def translator_for(settings: Settings, memory: Memory | None = None) -> Translator:
    return Translator(router_for(settings), memory or DictMemory(), brand=settings.brand.name)
