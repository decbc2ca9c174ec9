"""The IPTC Media Topics vocabulary: concepts, labels in every language it has, the hierarchy.

Read from the copy shipped in `polywire/standards/iptc-mediatopics/` (CC BY 4.0, IPTC). Retired
concepts are kept apart so that nothing can assign them. The vocabulary's language tags are
normalised to BCP 47 base languages (`dk` is Danish `da`, `se` Swedish `sv`, `pt-BR`/`pt-PT` are
both `pt`; Chinese stays `zh-Hans`). The shipped vocabulary is parsed once and kept in the
user's cache (`polywire.derived`), and so are the topic indexes built from it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from polywire.derived import kept, source_of

VOCABULARY_FILE = "cptall-x-all.json.gz"

_LANGUAGE_TAGS = {"en-GB": "en", "dk": "da", "se": "sv", "pt-PT": "pt", "pt-BR": "pt"}


@dataclass
class Concept:
    """One Media Topic: its `medtop:` code, labels and definitions by language, its place."""

    code: str
    labels: dict[str, list[str]]
    definitions: dict[str, list[str]]
    broader: list[str]
    narrower: list[str] = field(default_factory=list)
    retired: bool = False

    def label(self, language: str = "en") -> str:
        names = self.labels.get(language) or self.labels.get("en") or [self.code]
        return names[0].strip()


@dataclass
class Vocabulary:
    """The active (not retired) concepts, with parents and children resolved."""

    concepts: dict[str, Concept]
    top_level: list[str]
    retired: frozenset[str]
    #: What the vocabulary was read from, when data derived from it may be kept (a digest of
    #: the shipped file and its parser); None for one built in memory.
    kept_as: str | None = None

    def ancestors(self, code: str) -> list[str]:
        """Parents first, up to the top-level concept(s)."""
        seen: list[str] = []
        pending = list(self.concepts[code].broader)
        while pending:
            parent = pending.pop(0)
            if parent not in seen and parent in self.concepts:
                seen.append(parent)
                pending.extend(self.concepts[parent].broader)
        return seen

    def top_of(self, code: str) -> list[str]:
        """The top-level concept(s) a concept sits under (itself when it is one)."""
        if code in self.top_level:
            return [code]
        return [a for a in self.ancestors(code) if a in self.top_level]

    def languages(self) -> set[str]:
        return {lang for c in self.concepts.values() for lang in c.labels}


def _code(uri_or_qcode: str) -> str:
    if uri_or_qcode.startswith("medtop:"):
        return uri_or_qcode
    return "medtop:" + uri_or_qcode.rstrip("/").rsplit("/", 1)[-1]


def _by_language(values: dict[str, str] | None) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for tag, text in (values or {}).items():
        language = _LANGUAGE_TAGS.get(tag, tag)
        text = text.strip()
        if text and text not in result.setdefault(language, []):
            result[language].append(text)
    return result


def parse_vocabulary(document: dict[str, Any]) -> Vocabulary:
    """Build the vocabulary from the IPTC JSON-LD (`cptall-x-all.json`) document."""
    all_concepts: dict[str, Concept] = {}
    for item in document["conceptSet"]:
        code = _code(item["qcode"])
        all_concepts[code] = Concept(
            code=code,
            labels=_by_language(item.get("prefLabel")),
            definitions=_by_language(item.get("definition")),
            broader=[_code(b) for b in item.get("broader", []) if "/mediatopic/" in b],
            retired="retired" in item,
        )
    retired = frozenset(code for code, c in all_concepts.items() if c.retired)
    concepts = {code: c for code, c in all_concepts.items() if not c.retired}
    for concept in concepts.values():
        concept.broader = [b for b in concept.broader if b in concepts]
        for parent in concept.broader:
            concepts[parent].narrower.append(concept.code)
    top_level = [_code(u) for u in document["hasTopConcept"] if _code(u) in concepts]
    return Vocabulary(concepts=concepts, top_level=top_level, retired=retired)


@cache
def load_vocabulary() -> Vocabulary:
    """The shipped vocabulary, parsed once (see `polywire.derived`)."""
    resource = files("polywire.standards").joinpath("iptc-mediatopics", VOCABULARY_FILE)
    raw = resource.read_bytes()
    inputs = (raw, source_of(__file__))
    digest = hashlib.sha256(b"".join(inputs)).hexdigest()

    def parse() -> Vocabulary:
        vocabulary = parse_vocabulary(json.loads(gzip.decompress(raw)))
        vocabulary.kept_as = digest
        return vocabulary

    return kept("vocabulary", parse, inputs=inputs)
