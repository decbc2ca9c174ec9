"""How a translation was made, as its readers are told: by which machine, by a person, or by a
machine and then changed by an editor ("Machine translated by Apertium, edited by an editor").

It is read from what the translate stage and the editors store on a rendition: `engine` names
the routes that translated it (`apertium`, `apertium>apertium (via es)` for a pivot route,
`apertium+human` when some paragraphs came from an editor's earlier translation in the memory,
`human` when a person wrote all of it, `received` for the publisher's own translation), and
`edited_by` the editor who changed it after the machine. The source itself has no provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from polywire.domain import Rendition

Kind = Literal["machine", "edited", "human", "received"]

#: Engine names as a reader knows them; another engine is shown by its configured name.
ENGINE_NAMES = {"apertium": "Apertium", "ctranslate2": "CTranslate2"}
_HUMAN, _RECEIVED = "human", "received"
_VIA = re.compile(r"\s*\(via [^)]*\)$")


@dataclass(frozen=True)
class Provenance:
    """`kind` of translation; `engines` the machines (as readers know them), in route order."""

    kind: Kind
    engines: tuple[str, ...] = ()
    edited_by: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "engines": list(self.engines), "edited_by": self.edited_by}


def provenance_of(rendition: Rendition) -> Provenance | None:
    """How `rendition` was made; None for the source or a translation not made yet."""
    if rendition.is_source:
        return None
    parts = [p.strip() for p in (rendition.engine or "").split("+") if p.strip()]
    if _RECEIVED in parts and rendition.edited_by is None:
        return Provenance("received")
    engines = _machines(parts, rendition.model)
    by_person = _HUMAN in parts or rendition.edited_by is not None
    if engines:
        kind: Kind = "edited" if by_person else "machine"
        return Provenance(kind, engines, rendition.edited_by)
    if by_person:
        return Provenance("human", (), rendition.edited_by)
    return None


def _machines(parts: list[str], model: str | None) -> tuple[str, ...]:
    names: list[str] = []
    for part in parts:
        if part in (_HUMAN, _RECEIVED, "none"):
            continue
        for engine in _VIA.sub("", part).split(">"):
            name = _engine_name(engine.strip(), model)
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _engine_name(engine: str, model: str | None) -> str:
    if engine == "openai":  # any OpenAI-compatible server: the model is what translated
        return model if model and "+" not in model else "a language model"
    return ENGINE_NAMES.get(engine, engine)
