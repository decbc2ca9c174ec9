"""Classify: IPTC Media Topics, sectors, regions and urgency for every story, in any language.

`classifier.Classifier` classifies a `StoryText`; `service.ClassificationService` does it for
stored versions and records editors' corrections, which the model learns from;
`stage.ClassifyStage` is the pipeline stage. Its public face is these modules; nothing is
re-exported here, so that importing one of them does not load the model's libraries.
"""

__all__ = [
    "assignment",
    "classifier",
    "gazetteer",
    "learning",
    "llm",
    "places",
    "result",
    "sectors",
    "service",
    "stage",
    "text",
    "topics",
    "urgency",
    "vocabulary",
]
