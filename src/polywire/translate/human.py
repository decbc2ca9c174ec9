"""What editors teach the translation memory: a paragraph they translated by hand.

Machine entries are sentences keyed by engine and model; a hand translation is kept per whole
paragraph under the engine name `human`, and the translator uses it before any engine whenever
the same paragraph comes again (a new version, repeated boilerplate) into the same language.
"""

from __future__ import annotations

from collections.abc import Sequence

from polywire.translate.memory import Memory, MemoryKey

HUMAN = "human"


def human_key(paragraph: str, source: str, target: str) -> MemoryKey:
    return MemoryKey(paragraph, source, target, HUMAN, None)


def learn(
    memory: Memory,
    source_paragraphs: Sequence[str],
    translated_paragraphs: Sequence[str],
    source: str,
    target: str,
) -> int:
    """Remember each paragraph pair (headline first); returns how many. Nothing is learnt when
    the two do not have the same number of paragraphs: the pairing would be a guess."""
    if len(source_paragraphs) != len(translated_paragraphs):
        return 0
    pairs = [
        (s, t) for s, t in zip(source_paragraphs, translated_paragraphs, strict=True) if s and t
    ]
    for original, translation in pairs:
        memory.remember(human_key(original, source, target), translation)
    return len(pairs)
