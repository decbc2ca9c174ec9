"""Apertium: rule-based translation with the Debian language pairs (`apertium-eng-spa` …).

The embedded default where it covers a pair: fast and needs no model, but its quality is low
(word-by-word transfer with shallow rules). A batch is one `apertium` run, segments separated by
a blank line. Apertium's text format reads a single newline as a blank inside a sentence, so its
transfer rules moved words across it (`…in October` + `Consumers have…` came back as `…en
Consumidores` + `de octubre han…`); a blank line is a paragraph break, which ends the sentence
and comes back as a blank line in place, so each segment's words stay in it.

Apertium reads a protected name's placeholder (`⟦1⟧`) as punctuation, so it dropped an English
possessive's `'s` (`⟦1⟧'s chief` → `⟦1⟧ jefe`). A proper noun in its dictionary gets its
genitive rule instead (`John's chief` → `el jefe de John`, `le chef de John`, `o chefe de John`):
from English, a possessed placeholder goes in as such a name and comes back as the placeholder.

A pair may also misread a word in every context: es-fr takes every `nada` for the verb `nadar`
(`Nada cambiará` → `Il nage il changera`, `No hay nada` → `il n'y a il pas nage`), so an
English "nothing" pivoted through Spanish lost its negation. Such a word goes in as a stand-in
name too and comes back as its rendering (`_MISREAD`, a table kept by hand: no data lists an
engine's defects).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from functools import cached_property

from polywire.domain import BadInput
from polywire.language_tags import written_language
from polywire.translate.engines.base import Engine, EngineFault, Model
from polywire.translate.protect import PLACEHOLDER

_SPACES = re.compile(r"[ \t]{2,}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_POSSESSED = re.compile(rf"({PLACEHOLDER.pattern})['’]s\b")
#: Proper nouns of Apertium's English dictionary that eng-spa, es-fr and es-pt copy as written.
_STAND_INS = ("John", "Peter", "Mary", "Paul", "David", "Michael", "Robert", "Richard", "George")
#: (source, target) → words the pair's analyser misreads whatever the context, and their rendering.
_MISREAD: dict[tuple[str, str], dict[str, str]] = {("es", "fr"): {"nada": "rien"}}


class ApertiumEngine(Engine):
    name = "apertium"
    description = "Apertium rule-based MT (Debian packages): fast, low quality, no model to load"

    def __init__(self, *, executable: str = "apertium", timeout: float = 60.0) -> None:
        self.executable = shutil.which(executable)
        self.timeout = timeout

    @cached_property
    def _modes(self) -> dict[tuple[str, str], str]:
        """(source, target) → mode name, from `apertium -l`; plain modes beat variants."""
        if self.executable is None:
            return {}
        listed = subprocess.run(
            [self.executable, "-l"], capture_output=True, text=True, timeout=self.timeout
        ).stdout.split()
        modes: dict[tuple[str, str], str] = {}
        for mode in sorted(listed, key=lambda m: ("_" in m, m)):
            parts = mode.split("-")
            if len(parts) != 2:  # eco-es-fr and other chained or debug modes
                continue
            try:
                pair = (written_language(parts[0]), written_language(parts[1]))
            except BadInput:
                continue
            modes.setdefault(pair, mode)
        return modes

    def pairs(self) -> list[tuple[str, str]]:
        return sorted(self._modes)

    def model(self, source: str, target: str) -> Model | None:
        return None

    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        glossary: dict[str, str] | None = None,
    ) -> list[str]:
        mode = self._modes.get((source, target))
        if mode is None or self.executable is None:
            raise EngineFault(self.name, f"no Apertium pair installed for {source}→{target}")
        if not segments:
            return []
        flat = [" ".join(s.split()) for s in segments]
        misread = _MISREAD.get((source, target), {})
        stood = [_stand_in(s, possessed=source == "en", misread=misread) for s in flat]
        filled = [text for text, _ in stood if text]
        if not filled:
            return ["" for _ in segments]
        lines = "\n\n".join(filled) + "\n"
        try:
            done = subprocess.run(
                [self.executable, "-u", mode],
                input=lines.encode(),
                capture_output=True,
                timeout=self.timeout,
            )
        except subprocess.TimeoutExpired:
            raise EngineFault(self.name, f"{mode} timed out after {self.timeout:g} s") from None
        if done.returncode != 0:
            error = done.stderr.decode(errors="replace").strip()
            raise EngineFault(self.name, f"{mode} exited {done.returncode}: {error[:300]}")
        out = _PARAGRAPH_BREAK.split(done.stdout.decode(errors="replace").strip("\n"))
        if len(out) != len(filled):
            raise EngineFault(
                self.name, f"{mode} returned {len(out)} segments for {len(filled)} segments"
            )
        translated = iter(_SPACES.sub(" ", " ".join(line.split("\n"))).strip() for line in out)
        return [
            _initial_case_of(s, _placed(next(translated), names)) if s else ""
            for s, (_, names) in zip(flat, stood, strict=True)
        ]


def _stand_in(
    segment: str, *, possessed: bool, misread: dict[str, str]
) -> tuple[str, dict[str, str]]:
    """`segment` with each possessed placeholder (when `possessed`) and each misread word as a
    proper noun the segment does not hold, and what each such noun stands for."""
    free = iter(n for n in _STAND_INS if not re.search(rf"\b{n}\b", segment))
    names: dict[str, str] = {}

    def swap(possessive: re.Match[str]) -> str:
        name = next(free, None)
        if name is None:
            return possessive[0]
        names[name] = possessive[1]
        return f"{name}'s"

    def replace(word: re.Match[str]) -> str:
        name = next(free, None)
        if name is None:
            return word[0]
        rendering = misread[word[0].lower()]
        names[name] = rendering.capitalize() if word[0][0].isupper() else rendering
        return name

    if possessed:
        segment = _POSSESSED.sub(swap, segment)
    if misread:
        words = "|".join(re.escape(w) for w in misread)
        segment = re.sub(rf"\b(?:{words})\b", replace, segment, flags=re.IGNORECASE)
    return segment, names


def _placed(translated: str, names: dict[str, str]) -> str:
    """`translated` with each stand-in noun back as what it stands for."""
    for name, placeholder in names.items():
        translated = re.sub(rf"\b{name}\b", placeholder, translated)
    return translated


def _initial_case_of(source: str, translated: str) -> str:
    """`translated` opening in the case `source` opens with. Apertium capitalises the first word
    of every paragraph, and each segment is one: a segment that continues a sentence (the text
    after a protected URL or name) must not come back capitalised mid-sentence."""
    if (
        source[:1].islower()
        and translated[:1].isupper()
        and not translated[1:2].isupper()  # an acronym stays one
    ):
        return translated[0].lower() + translated[1:]
    return translated
