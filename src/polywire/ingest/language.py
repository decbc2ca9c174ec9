"""The language of a story as a BCP 47 tag: identified from its text with py3langid, or a tag
the input gave, checked and written the way the wire stores and routes on (`pt-BR`, `zh-Hant`).
py3langid's model ships compressed and takes half a second to read: it is read once and kept in
the user's cache (`polywire.derived`)."""

from __future__ import annotations

import re
from functools import cache

import numpy
import py3langid
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from polywire.derived import kept

#: Characters classified: a few paragraphs tell the language as well as the whole story does.
_SAMPLE = 1000
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Characters that exist only in one of the two written forms of Chinese (a small, telling set).
_SIMPLIFIED = set("这们说国时发来对会经过还进现开关问题电话学实业东车长门见")
_TRADITIONAL = set("這們說國時發來對會經過還進現開關問題電話學實業東車長門見")
#: language, script and region subtags, in any case, with `-` or `_` between them.
_TAG = re.compile(r"([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{4}))?(?:[-_]([a-zA-Z]{2}|[0-9]{3}))?")


def language_tag(value: str) -> str | None:
    """`value` as a BCP 47 tag in the wire's form (`en_us` → `en-US`, `ZH-hant` → `zh-Hant`);
    None when it is no such tag."""
    match = _TAG.fullmatch(value.strip())
    if match is None:
        return None
    language, script, region = match.groups()
    subtags = (language.lower(), script and script.title(), region and region.upper())
    return "-".join(subtag for subtag in subtags if subtag)


def detect_language(text: str) -> str:
    """`en`, `ru`, `zh-Hans`, `zh-Hant`, `ar`, `th`, `vi` …"""
    language = str(_identifier().classify(text[:_SAMPLE])[0])
    if language == "zh":
        sample = set(_HAN.findall(text[:5000]))
        simplified = len(sample & (_SIMPLIFIED - _TRADITIONAL))
        traditional = len(sample & (_TRADITIONAL - _SIMPLIFIED))
        return "zh-Hant" if traditional > simplified else "zh-Hans"
    return language


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's own model, as `py3langid.classify` uses it."""
    return kept(
        "language-identifier",
        lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False),
        inputs=(py3langid.__version__, numpy.__version__),
    )
