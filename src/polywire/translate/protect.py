"""Keep what must not be translated out of the engine's reach.

URLs, e-mail addresses, the brand name and a publisher's do-not-translate terms are replaced by
numbered placeholders (`⟦1⟧`) before a segment goes to an engine and put back afterwards; a
glossary term with a fixed translation comes back as that translation. The placeholders are
plain text every engine here passes through unchanged, and the segment's translation-memory key
is the masked text, so boilerplate that differs only in a URL still hits the memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
#: Splits a masked text into [text, placeholder, text, …].
PLACEHOLDER_SPLIT = re.compile(r"(⟦\d+⟧)")
_URL = r"(?:https?://|www\.)[^\s<>\"“”«»]+[^\s<>\"“”«».,;:!?)\]}'’]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"


@dataclass(frozen=True)
class Masked:
    """A segment with placeholders, and what each placeholder stands for in the target."""

    text: str
    slots: tuple[str, ...]


class Protector:
    """Masks one target language's protected spans; built once per (glossary, target)."""

    def __init__(self, keep: Iterable[str] = (), fixed: Mapping[str, str] | None = None) -> None:
        self.fixed = dict(fixed or {})
        terms = sorted({t for t in [*keep, *self.fixed] if t.strip()}, key=len, reverse=True)
        alternatives = [_URL, _EMAIL] + [rf"(?<!\w){re.escape(t)}(?!\w)" for t in terms]
        self._pattern = re.compile("|".join(f"(?:{a})" for a in alternatives))

    def mask(self, text: str) -> Masked:
        slots: list[str] = []

        def replace(match: re.Match[str]) -> str:
            found = match.group(0)
            slots.append(self.fixed.get(found, found))
            return f"⟦{len(slots)}⟧"

        return Masked(self._pattern.sub(replace, text), tuple(slots))


def placeholders(text: str) -> list[str]:
    """The placeholder numbers in `text`, sorted (to compare a translation with its source)."""
    return sorted(PLACEHOLDER.findall(text))


def unmask(translated: str, masked: Masked) -> str:
    """Put the protected spans back; the caller has checked every placeholder survived."""
    return PLACEHOLDER.sub(lambda m: masked.slots[int(m.group(1)) - 1], translated)
