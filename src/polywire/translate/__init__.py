"""Translate: engines, routing per language, segmentation, protection, translation memory.

`service.translator_for(settings)` builds the whole thing from settings; `document.Translator`
translates a story; `stage.TranslateStage` is the pipeline's durable job. Its public face is
these modules; nothing is re-exported, so an engine's libraries load only when it is used.
"""

__all__ = [
    "catalog",
    "document",
    "engines",
    "human",
    "languages",
    "memory",
    "models",
    "names",
    "places",
    "protect",
    "router",
    "service",
    "sql_memory",
    "stage",
    "validate",
]
