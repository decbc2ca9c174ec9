"""The one interface every translation engine implements.

An engine turns a batch of segments (sentences, placeholders already in) from one language into
another. It says which pairs it can do right now and which model it would use, so that the router
can choose and the translation memory can key on the model. Engines are blocking: callers in an
event loop run them in a thread.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from polywire.domain import PolywireError

#: A pair any language can take part in (an engine such as a chat model).
ANY = "*"


class EngineFault(PolywireError):
    """An engine crashed, timed out, or answered something unusable."""

    def __init__(self, engine: str, problem: str) -> None:
        super().__init__(f"engine {engine!r}: {problem}")
        self.engine = engine
        self.problem = problem


@dataclass(frozen=True)
class Model:
    """What an engine translates a pair with, and under which licence."""

    name: str
    licence: str | None = None
    commercial_use: bool = True

    @property
    def notice(self) -> str | None:
        """A warning to show when the model is chosen, or None."""
        if self.commercial_use:
            return None
        return f"model {self.name} is licensed {self.licence or 'unknown'}: not for commercial use"


class Engine(ABC):
    """A translation back-end. Subclasses set `name` and `description`."""

    name: str
    description: str

    @abstractmethod
    def pairs(self) -> list[tuple[str, str]]:
        """The (source, target) pairs it can do now, normalised tags; `(ANY, ANY)` for all."""

    @abstractmethod
    def model(self, source: str, target: str) -> Model | None:
        """The model it would use for the pair, None when it has none (rule-based)."""

    @abstractmethod
    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        glossary: dict[str, str] | None = None,
    ) -> list[str]:
        """Translate each segment; the result has one string per segment, in order.

        `glossary` maps source terms to the translations the engine must use (engines that
        cannot take hints ignore it; the caller protects fixed terms itself). Raises
        `EngineFault` when the engine fails."""

    def supports(self, source: str, target: str) -> bool:
        pairs = self.pairs()
        return (ANY, ANY) in pairs or (source, target) in pairs
