"""Translate: engines, routing per language, segmentation, protection, translation memory.

`service.translator_for(settings)` builds the whole thing from settings; `document.Translator`
translates a story; `stage.TranslateStage` is the pipeline's durable job.
"""
