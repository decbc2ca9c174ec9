"""A negated statement of the source is negated in the translation: `did not comment` is not
`comentó`.

Negation cues are words per language (`data/negation.json`: `not`, `n't`, `no`, `never`,
`without` …; `no`, `nunca`, `sin` …; `ne`/`n'`, `sans` …; `não`, `nem`, `sem` …;
`không`, `chưa`; `ない`, `ません`; `لا`, `لم`, `لن` …). A cue the target writes for
something else (`不` in `不过`, `ず` in `必ず`) only makes the target look more
negated, which is never reported. A paragraph whose translation has fewer cues than its source
lost a negation: major, because it says the opposite. A completion after a cue is the same
negation (`ne … pas`, `no … nada`, `neither … nor`); some are cues alone too (`pas des
banques`), others not (`plus`). Languages without a list are not judged. Counting per
paragraph, not per aligned clause, misses a negation moved from one sentence to another; it is
what can be done without a parser.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from polywire.check.languages import base_language, language_name
from polywire.check.model import Issue, Pair, Severity
from polywire.check.settings import CheckSettings
from polywire.check.text import excerpt

#: Words between a cue and the completion of the same negation (`n'a jamais été`).
_REACH = 6
#: Languages whose negation is part of a word: Japanese and Chinese have no spaces, Korean
#: writes it in the verb (`하지 않았다`).
_INSIDE_WORDS = {"ja", "zh", "ko"}
#: Shorter cues of the source's language are often words of the target's (`no` is Portuguese
#: for `in the`): only longer ones and `n't` count when the translation leaves them.
_FOREIGN_CUE = 5
#: Punctuation that ends a clause: a completion after it starts a negation of its own
#: (`No se preocupa, Dakota del Sur, nadie va …`).
_CLAUSE_END = re.compile(r"[,;:.!?]")
#: `No. 5` and `no.` are numbers, not negations.
_NUMBER_SIGN = re.compile(r"\bno\.\s?\d", re.IGNORECASE)


def check_negation(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source_cues = negations(pair.source, pair.source_language)
    if not source_cues:
        return []
    target_cues = negations(pair.target, pair.target_language)
    if target_cues is None:
        return []
    kept = len(target_cues) + _left_in_source_language(pair)
    if kept >= len(source_cues):
        return []
    cue = source_cues[kept] if kept < len(source_cues) and target_cues else source_cues[0]
    language = language_name(pair.target_language)
    return [
        Issue(
            "negation",
            Severity.MAJOR,
            excerpt(pair.source, cue.start(), cue.end()),
            excerpt(pair.target),
            f"The source negates {len(source_cues)} time(s) here ({cue.group().strip()}); the "
            f"{language} translation {len(target_cues)} time(s): it may say the opposite.",
            source_span=(cue.start(), cue.end()),
        )
    ]


def _left_in_source_language(pair: Pair) -> int:
    """Negations the translation leaves in the source's language (`I needn't` left as it was):
    its cues that are no words of the target's list."""
    source, target = base_language(pair.source_language), base_language(pair.target_language)
    if source == target:
        return 0
    theirs, ours = _patterns(source), _patterns(target)
    if theirs is None or ours is None:
        return 0
    return sum(
        not ours.cue.fullmatch(match.group())
        for match in theirs.cue_only.finditer(pair.target)
        if len(match.group()) >= _FOREIGN_CUE or not match.group().isalpha()
    )


def negations(text: str, language: str) -> list[re.Match[str]] | None:
    """The negations of `text`, one cue each (`ne … pas` is one); None for a language without
    a list."""
    patterns = _patterns(base_language(language))
    if patterns is None:
        return None
    masked = _NUMBER_SIGN.sub(lambda m: "#" * len(m.group()), text)
    masked = patterns.idioms.sub(lambda m: "#" * len(m.group()), masked)
    found: list[re.Match[str]] = []
    last_end = -_REACH
    for match in patterns.cue.finditer(masked):
        between = masked[max(0, last_end) : match.start()]
        if (
            found
            and len(between.split()) <= _REACH
            and not _CLAUSE_END.search(between)
            and patterns.completion.fullmatch(match.group())
        ):
            last_end = match.end()
            continue  # the second half of the previous negation
        if patterns.cue_only.fullmatch(match.group()) and not patterns.not_after.search(
            masked, 0, match.start()
        ):
            found.append(match)
            last_end = match.end()
    return found


class _Patterns(NamedTuple):
    #: cues and completions
    cue: re.Pattern[str]
    #: cues that negate alone (`plus` negates only after `ne`)
    cue_only: re.Pattern[str]
    completion: re.Pattern[str]
    #: phrases whose cue does not negate (`no doubt`)
    idioms: re.Pattern[str]
    #: a word right before the end of the text that makes a cue there a noun (`une personne`)
    not_after: re.Pattern[str]


@lru_cache(maxsize=64)
def _patterns(language: str) -> _Patterns | None:
    text = files("polywire.check").joinpath("data", "negation.json").read_text("utf-8")
    entry: dict[str, list[str]] = json.loads(text).get(language, {})
    if not entry:
        return None
    completions = entry.get("completions", [])
    cues = sorted({*entry["cues"], *completions}, key=len, reverse=True)
    inside = language in _INSIDE_WORDS
    never = re.compile("(?!)")
    not_after = entry.get("not_after", [])
    return _Patterns(
        _alternation(cues, inside),
        _alternation(entry["cues"], inside),
        _alternation(completions, inside) if completions else never,
        _alternation(entry["idioms"], inside) if entry.get("idioms") else never,
        re.compile(
            r"(?:^|\W)(?:" + "|".join(re.escape(w) for w in not_after) + r")\s*$", re.IGNORECASE
        )
        if not_after
        else never,
    )


def _alternation(cues: list[str], inside: bool) -> re.Pattern[str]:
    alternatives = []
    for cue in cues:
        escaped = "".join("['’]" if char in "'’" else re.escape(char) for char in cue)
        if inside:  # `しなかった`, `않았다`: the cue is part of the verb
            alternatives.append(escaped)
        elif cue.startswith("n") and cue[1:2] in "'’" and cue.endswith("t"):  # n't, inside a word
            alternatives.append(escaped + r"\b")
        elif cue.endswith(("'", "’")):  # n', before the next word
            alternatives.append(r"\b" + escaped)
        else:
            alternatives.append(rf"\b{escaped}\b")
    return re.compile("|".join(alternatives), re.IGNORECASE)
