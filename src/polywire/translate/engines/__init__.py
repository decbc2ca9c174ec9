"""Translation engines: one base (`base.Engine`), one module per back-end, chosen by name.

`build_engines` makes the engines the settings make available on this machine."""

from __future__ import annotations

from pathlib import Path

from polywire.settings.translate import TranslateSettings
from polywire.translate.engines.apertium import ApertiumEngine
from polywire.translate.engines.base import ANY, Engine, EngineFault, Model
from polywire.translate.engines.ctranslate2_engine import CTranslate2Engine
from polywire.translate.engines.openai_chat import OpenAIChatEngine

__all__ = [
    "ANY",
    "ApertiumEngine",
    "CTranslate2Engine",
    "Engine",
    "EngineFault",
    "Model",
    "OpenAIChatEngine",
    "build_engines",
]


def build_engines(settings: TranslateSettings, data_dir: Path) -> dict[str, Engine]:
    """Every engine by name; an engine with nothing installed is there with no pairs."""
    engines: list[Engine] = [
        ApertiumEngine(timeout=settings.engine_timeout_seconds),
        CTranslate2Engine(
            settings.models_path(data_dir),
            device=settings.device,
            threads=settings.threads,
            max_batch_tokens=settings.max_batch_tokens,
        ),
        OpenAIChatEngine(settings.openai),
    ]
    return {engine.name: engine for engine in engines}
