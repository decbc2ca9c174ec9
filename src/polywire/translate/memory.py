"""Translation memory: every translated segment, keyed by what produced it.

The key is (source text, source language, target language, engine, model); the source text is the
masked segment (placeholders in), so a segment is never sent to the same engine and model twice.
`Memory` is the interface; `DictMemory` keeps it in the process (the `translate` command, the
benchmark); `polywire.translate.sql_memory.SqlMemory` keeps it in the store.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class MemoryKey:
    text: str
    source: str
    target: str
    engine: str
    model: str | None

    @property
    def digest(self) -> str:
        parts = (self.text, self.source, self.target, self.engine, self.model or "")
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass
class MemoryStats:
    """How many segment lookups the memory answered."""

    hits: int = 0
    misses: int = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


class Memory(ABC):
    """Looks translations up and remembers new ones."""

    @abstractmethod
    def lookup(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        """The remembered translations of those keys that have one."""

    @abstractmethod
    def remember(self, key: MemoryKey, translation: str) -> None:
        """Keep a new translation (a store-backed memory writes it when its caller commits)."""


class DictMemory(Memory):
    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def lookup(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        return {k: self.entries[k.digest] for k in keys if k.digest in self.entries}

    def remember(self, key: MemoryKey, translation: str) -> None:
        self.entries[key.digest] = translation
