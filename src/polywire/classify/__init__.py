"""Classify: IPTC Media Topics, sectors, regions and urgency for every story, in any language.

`classifier.Classifier` classifies a `StoryText`; `service.ClassificationService` does it for
stored versions and records editors' corrections, which the model learns from;
`stage.ClassifyStage` is the pipeline stage. Nothing is re-exported here, so that reading the
settings (`settings.ClassifySettings`) does not load the model's libraries.
"""
