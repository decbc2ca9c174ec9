"""Choosing a story's Media Topics from the concept scores: the top-level topics the evidence
supports and, under each, the deeper concepts that stand out, each with a confidence and the
story's words behind it."""

from __future__ import annotations

from polywire.classify.result import TopicTag
from polywire.classify.topics import ConceptScore
from polywire.classify.vocabulary import Vocabulary

#: A top-level topic below this score is not evidence of anything.
MIN_TOP_SCORE = 0.05
#: Other top-level topics are given when they reach this share of the best one.
SECOND_TOPIC_SHARE = 0.45
#: A deeper concept is given when its subtree scores this share of its top-level topic.
DEEP_TOPIC_SHARE = 0.5
#: Shrinks confidence when all the evidence is thin.
CONFIDENCE_PRIOR = 0.1
MAX_TOP_TOPICS = 3
MAX_DEEP_PER_TOP = 2
EVIDENCE_WORDS = 5


def assign_topics(vocabulary: Vocabulary, scores: dict[str, ConceptScore]) -> list[TopicTag]:
    """The top-level topics the scores support and, below each, the deeper concepts that stand
    out; each with a confidence (its share of all top-level evidence) and its evidence words."""
    tops = sorted(
        (scores[code] for code in vocabulary.top_level if code in scores),
        key=lambda s: s.total,
        reverse=True,
    )
    if not tops or tops[0].total < MIN_TOP_SCORE:
        return []
    all_evidence = sum(s.total for s in tops) + CONFIDENCE_PRIOR
    best = tops[0].total
    tags: list[TopicTag] = []
    for top in tops[:MAX_TOP_TOPICS]:
        if top.total < max(MIN_TOP_SCORE, SECOND_TOPIC_SHARE * best):
            break
        confidence = top.total / all_evidence
        tags.append(_tag(vocabulary, top, confidence))
        deep = sorted(
            (
                s
                for s in scores.values()
                if s.direct > 0
                and s.code != top.code
                and top.code in vocabulary.top_of(s.code)
                and s.total >= DEEP_TOPIC_SHARE * top.total
            ),
            key=lambda s: s.total,
            reverse=True,
        )
        for concept in deep[:MAX_DEEP_PER_TOP]:
            share = min(1.0, concept.total / top.total)
            tags.append(_tag(vocabulary, concept, confidence * share))
    return tags


def _tag(vocabulary: Vocabulary, score: ConceptScore, confidence: float) -> TopicTag:
    ranked = sorted(score.evidence.items(), key=lambda item: item[1], reverse=True)
    words = [word for word, amount in ranked[:EVIDENCE_WORDS] if amount > 0]
    return TopicTag(
        code=score.code,
        label=vocabulary.concepts[score.code].label("en"),
        confidence=round(confidence, 3),
        evidence=words,
    )
