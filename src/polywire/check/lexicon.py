"""Whether a word is a common word of a language (`vídeo`, `pró`, `expérience`) or only a name
(`López`, `María`), by the language's own dictionary.

A check that sees a name come back with accents (`Video` → `Vídeo`) must tell the engine's word
from the way people write the name in the target language (`Lopez` → `López`): only a common
word can be the engine's. The dictionary is the monolingual analyser of an installed Apertium
pair that translates from the language (`lt-proc` with the pair's `*.automorf.bin`, as its mode
file names it): an analysis other than a proper noun (`<np>`) makes a word common; a word it
does not know, or knows only as a proper noun, is not. With no analyser for the language,
`common_words` answers None: the caller cannot tell.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from polywire.domain import BadInput
from polywire.language_tags import base_language, written_language

_ANALYSER = re.compile(r"lt-proc\s+'?([^'\s]+\.automorf\.bin)")
_UNIT = re.compile(r"\^([^/$]*)/([^$]*)\$")
_TIMEOUT = 30.0
#: (word, analyser) → whether the word is common: one `lt-proc` run per batch of new words.
_READ: dict[tuple[str, str], bool] = {}


@cache
def _analysers() -> dict[str, str]:
    """Language → the analyser file of an installed pair that translates from it."""
    lt_proc, apertium = shutil.which("lt-proc"), shutil.which("apertium")
    if lt_proc is None or apertium is None:
        return {}
    modes = Path(apertium).resolve().parent.parent / "share" / "apertium" / "modes"
    found: dict[str, str] = {}
    for mode in sorted(modes.glob("*.mode"), key=lambda m: ("_" in m.stem, m.stem)):
        parts = mode.stem.split("-")
        analyser = _ANALYSER.search(mode.read_text(errors="replace"))
        if len(parts) != 2 or analyser is None or not Path(analyser[1]).exists():
            continue
        try:
            found.setdefault(written_language(parts[0]), analyser[1])
        except BadInput:
            continue
    return found


def common_words(words: Iterable[str], language: str) -> frozenset[str] | None:
    """The words of `words` that the language's dictionary has as a common word (any analysis
    but a proper noun's); None where no dictionary of the language is installed."""
    analyser = _analysers().get(base_language(language))
    if analyser is None:
        return None
    wanted = set(words)
    unread = sorted(w for w in wanted if (w, analyser) not in _READ)
    if unread:
        read = _analysed(unread, analyser)
        _READ.update({(w, analyser): read.get(w, False) for w in unread})
    return frozenset(w for w in wanted if _READ[w, analyser])


def _analysed(words: list[str], analyser: str) -> dict[str, bool]:
    try:
        done = subprocess.run(
            ["lt-proc", analyser],
            input="\n".join(words) + "\n",
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    return {
        surface: any(
            not reading.startswith("*") and "<np>" not in reading for reading in readings.split("/")
        )
        for surface, readings in _UNIT.findall(done.stdout)
    }
