"""Keep what must not be translated out of the engine's reach.

URLs, e-mail addresses, the brand name, a publisher's do-not-translate terms and the names the
caller found (`names.NameReader`) are replaced by numbered placeholders (`⟦1⟧`) before a segment
goes to an engine and put back afterwards; a glossary term with a fixed translation comes back
as that translation, a name as the caller's rendering of it (a place's local form). The
placeholders are plain text every engine here passes through unchanged, and the segment's
translation-memory key is the masked text, so boilerplate that differs only in a URL still hits
the memory. In French, `de` before a name that opens with a vowel is elided when the name is
put back (`le chef de ⟦1⟧` → `le chef d'Apple`), as the engine would have written it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"⟦(\d+)⟧")
#: Splits a masked text into [text, placeholder, text, …].
PLACEHOLDER_SPLIT = re.compile(r"(⟦\d+⟧)")
_URL = r"(?:https?://|www\.)[^\s<>\"“”«»]+[^\s<>\"“”«».,;:!?)\]}'’]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_OF_PLACEHOLDER = re.compile(r"\b([Dd])e (?=⟦(\d+)⟧)")
_VOWELS = frozenset("AEIOUaeiouÀÂÉÈÊÎÏÔÛÜàâéèêîïôûü")


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

    def mask(self, text: str, names: Sequence[tuple[int, int, str]] = ()) -> Masked:
        """Mask `text`'s protected terms and the given names (start, end, rendering); a name
        that overlaps a term or an earlier name is left to the term."""
        spans = [
            (m.start(), m.end(), self.fixed.get(m[0], m[0])) for m in self._pattern.finditer(text)
        ]
        for start, end, rendering in sorted(names):
            if all(end <= s or start >= e for s, e, _ in spans):
                spans.append((start, end, rendering))
        slots: list[str] = []
        pieces: list[str] = []
        done = 0
        for start, end, rendering in sorted(spans):
            slots.append(rendering)
            pieces += [text[done:start], f"⟦{len(slots)}⟧"]
            done = end
        return Masked("".join([*pieces, text[done:]]), tuple(slots))


def placeholders(text: str) -> list[str]:
    """The placeholder numbers in `text`, sorted (to compare a translation with its source)."""
    return sorted(PLACEHOLDER.findall(text))


def unmask(translated: str, masked: Masked, language: str | None = None) -> str:
    """Put the protected spans back into a translation into `language` (a base language tag);
    the caller has checked every placeholder survived."""
    if language == "fr":
        translated = _OF_PLACEHOLDER.sub(
            lambda m: f"{m[1]}'" if masked.slots[int(m[2]) - 1][:1] in _VOWELS else m[0],
            translated,
        )
    return PLACEHOLDER.sub(lambda m: masked.slots[int(m.group(1)) - 1], translated)
