"""The language of a story identified from its text with py3langid, as a BCP 47 tag (`pt`,
`zh-Hant`); a tag the input gave is read by `polywire.language_tags`. py3langid's model ships
compressed and takes half a second to read: it is read once and kept in the user's cache
(`polywire.derived`)."""

from __future__ import annotations

from functools import cache

import numpy
import py3langid
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from polywire.derived import kept
from polywire.language_tags import chinese_script

#: Characters classified: a few paragraphs tell the language as well as the whole story does.
_SAMPLE = 1000


def detect_language(text: str) -> str:
    """`en`, `ru`, `zh-Hans`, `zh-Hant`, `ar`, `th`, `vi` …"""
    language = str(_identifier().classify(text[:_SAMPLE])[0])
    return chinese_script(text[:5000]) if language == "zh" else language


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's own model, as `py3langid.classify` uses it."""
    return kept(
        "language-identifier",
        lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False),
        inputs=(py3langid.__version__, numpy.__version__),
    )
