"""Which engines may translate a pair, in which order: direct routes first, then pivots.

Per target language, settings give an ordered list of engines (`routes`), else the default order
(`engines`). Every engine in that order that can do the pair directly is a route; then, where the
operator allows pivots, every pair of engines that can go source → pivot → target. The caller
tries the routes in order; the first that answers wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from polywire.domain import BadInput
from polywire.language_tags import base_language
from polywire.translate.engines.base import Engine


@dataclass(frozen=True)
class Hop:
    engine: Engine
    source: str
    target: str


@dataclass(frozen=True)
class Route:
    hops: tuple[Hop, ...]

    @property
    def name(self) -> str:
        if len(self.hops) == 1:
            return self.hops[0].engine.name
        names = [h.engine.name for h in self.hops]
        via = ",".join(h.target for h in self.hops[:-1])
        return f"{'>'.join(names)} (via {via})"


class Router:
    def __init__(
        self,
        engines: Mapping[str, Engine],
        *,
        order: Sequence[str],
        routes: Mapping[str, Sequence[str]] | None = None,
        pivots: Sequence[str] = (),
    ) -> None:
        self.engines = dict(engines)
        self.order = list(order)
        self.routes = dict(routes or {})
        self.pivots = list(pivots)

    def _order_for(self, target: str, only: str | None) -> list[Engine]:
        if only is not None:
            return [self.engines[only]]
        names = self.routes.get(target) or self.routes.get(base_language(target)) or self.order
        return [self.engines[n] for n in names if n in self.engines]

    def plan(self, source: str, target: str, *, only: str | None = None) -> list[Route]:
        """The routes to try, best first; empty when no engine can do the pair."""
        if only is not None and only not in self.engines:
            known = ", ".join(sorted(self.engines)) or "none"
            raise BadInput(f"--engine {only}", f"no such engine available (available: {known})")
        direct = [
            Route((Hop(e, source, target),))
            for e in self._order_for(target, only)
            if e.supports(source, target)
        ]
        pivoted: list[Route] = []
        for pivot in self.pivots:
            if pivot in (source, target):
                continue
            for first in self._order_for(pivot, only):
                if not first.supports(source, pivot):
                    continue
                pivoted += [
                    Route((Hop(first, source, pivot), Hop(second, pivot, target)))
                    for second in self._order_for(target, only)
                    if second.supports(pivot, target)
                ]
        return direct + pivoted
