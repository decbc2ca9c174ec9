"""A negated statement of the source is negated in the translation: `did not comment` is not
`comentó`.

Negation cues are words per language (`data/negation.json`: `not`, `n't`, `no`, `never`,
`without` …; `no`, `nunca`, `sin` …; `ne`/`n'`, `sans` …; `não`, `nem`, `sem` …;
`không`, `chưa`; `ない`, `ません`; `لا`, `لم`, `لن` …). A cue the target writes for
something else (`不` in `不过`, `ず` in `必ず`) only makes the target look more
negated, which is never reported. A completion after a cue is the same negation (`ne … pas`,
`no … nada`, `neither … nor`); some are cues alone too (`pas des banques`), others not (`plus`).
A cue capitalised inside a sentence before another capitalised word starts a name (`No Lean
Season`), outside a title-case headline (a capital, not any letter outside a–z: `Mac Pro. Não
é` negates); French `ne`/`n'` negates whatever stands before it (`de ne pas`), and only a cue
that may be a noun is none after an article (`une personne`; `d'aucune façon` negates).
Languages without a list are not judged. A negative determiner alone after its verb (`tuvo
ningún comentario`, what is left of `no tuvo ningún comentario` when the verb's cue is lost)
still counts: the engine writes it so itself for `had no comment` (`hay ninguna
razón`, `a eu aucun commentaire`: on the engine corpus, not counting it as a negation found 5
more lost ones for 30 more false alarms). A cue quoted alone is a word mentioned, not a statement
negated (`tell yourself “no.”`, which the engine renders `«núm.»`). An emphatic negation the
target writes without a cue (`en absoluto`, `em absoluto`: the engine's `absolutely not`, `not
at all`), or with a `pas` of its own (`absolument pas`, which the engine writes for `en absoluto`
through Spanish, also after `ne … pas`), keeps as many of the source's emphatic negations as it
writes, and no other.

A completion after a conjunction that joins two clauses is a negation of its own (`ningún
comentario y nadie respondió`, `had no comment and nobody answered`), as one after a comma is;
within a clause it is the same one (`nadie dijo nada`, `nobody said anything`).

The translation lost a negation when it has fewer cues than its source in the paragraph, or in
one of its sentences: the paragraph's sentences are aligned (as the sentences check does, by
length and anchors) and counted one by one, so that a negation the engine adds in one sentence
does not hide one lost in another. A sentence's loss is not reported when a cue too many in
another sentence of the translation sits where the lost one was (at the same share of the
paragraph: the two sides were segmented otherwise, `Mr.` ends a sentence for the Spanish
segmenter), and the sentences are not aligned at all when every cue of the source has one at
its place in the translation. Both losses are major: the translation says the opposite.

A verb's negation of the source (`not`, `n't`, `cannot`) is then counted apart: the translation
must negate as many verbs (`no`, `ne`/`pas`, `não`, or an emphatic `en absoluto`). A negative
determiner, pronoun or adverb (`no comment`, `nothing`, `nobody`, `never`) may be rendered by an
n-word alone (`tuvo ningún comentario`, `nada`, `nadie`, `nunca`), a verb's may not: `no han
mostrado ningún signo` for `have not shown any sign` that lost its `no` keeps one cue, but no
verb's negation. This holds for a translation into a language of negative concord (es, fr,
pt), not into English (`no vio a nadie` is `saw nobody`); languages without a list of verb
negations (all but en, es, fr, pt) are judged on the count of cues alone.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from polywire.check import align
from polywire.check.checks.sentences import sentence_spans, typical_ratio
from polywire.check.model import Issue, Pair, Severity
from polywire.check.story import headline_like, opens
from polywire.check.text import excerpt
from polywire.language_tags import base_language, language_name
from polywire.settings.check import CheckSettings

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
#: What the aligner of sentences charges a sentence merged with its neighbour or split in two,
#: beyond length and anchors: little, so that sentences segmented otherwise on the two sides
#: (`Mr.` ends a sentence for the Spanish segmenter) are one bead, and a negation is reported
#: lost from a sentence only where the alignment is sure of it.
_MERGE = 1.0
#: How near (a share of the paragraph's length) a cue too many in one sentence of the
#: translation must be to one missing from another for the two to be the same negation.
_NEAR = 0.15
#: A quotation around a cue alone (`“no.”`, `«non»`).
_OPENING_QUOTE = re.compile(r"[“\"«„‘]\s*$")
_CLOSING_QUOTE = re.compile(r"[\s.,!?…]*[”\"»“’]")
#: The first letter of the word right after a cue: a capital one makes the cue a name's start.
_NEXT_LETTER = re.compile(r"\s+([^\W\d_])")
#: `No. 5` and `no.` are numbers, not negations.
_NUMBER_SIGN = re.compile(r"\bno\.\s?\d", re.IGNORECASE)


def check_negation(pair: Pair, settings: CheckSettings) -> list[Issue]:
    source_cues = negations(pair.source, pair.source_language)
    if not source_cues:
        return []
    target_cues = negations(pair.target, pair.target_language)
    if target_cues is None:
        return []
    emphatic = _emphatic(pair)
    target_cues = sorted([*target_cues, *emphatic], key=lambda cue: cue.start())
    left = _left_in_source_language(pair)
    lost = _lost(pair, source_cues, target_cues, left, "negates")
    if lost or left:
        return lost  # cues left in the source's language cannot be placed in a sentence
    target_patterns = _patterns(base_language(pair.target_language))
    if target_patterns is None or not target_patterns.concord:
        return []  # `saw nobody` for `no vio a nadie`: English may make a verb's negation nominal
    source_verbs = _verbal(source_cues, pair.source_language, [])
    target_verbs = _verbal(target_cues, pair.target_language, emphatic)
    if source_verbs is None or target_verbs is None:
        return []
    return _lost(pair, source_verbs, target_verbs, 0, "negates a verb")


def _lost(
    pair: Pair,
    source_cues: list[re.Match[str]],
    target_cues: list[re.Match[str]],
    left: int,
    negates: str,
) -> list[Issue]:
    """The negation of the source the translation lost, if it has fewer cues in the paragraph
    (counting `left`, cues left in the source's language) or in one of its sentences."""
    language = language_name(pair.target_language)
    kept = len(target_cues) + left
    if kept < len(source_cues):
        cue = source_cues[kept] if target_cues else source_cues[0]
        return [
            Issue(
                "negation",
                Severity.MAJOR,
                excerpt(pair.source, cue.start(), cue.end()),
                excerpt(pair.target),
                f"The source {negates} {len(source_cues)} time(s) here ({cue.group().strip()}); "
                f"the {language} translation {len(target_cues)} time(s): it may say the "
                "opposite.",
                source_span=(cue.start(), cue.end()),
            )
        ]
    if left:
        return []
    lost = _lost_in_a_sentence(pair, source_cues, target_cues)
    if lost is None:
        return []
    cue, (start, end), said, kept_here = lost
    sentence = excerpt(pair.source[start:end])
    return [
        Issue(
            "negation",
            Severity.MAJOR,
            excerpt(pair.source, cue.start(), cue.end()),
            excerpt(pair.target),
            f"The source {negates} {said} time(s) in the sentence “{sentence}” "
            f"({cue.group().strip()}); the {language} translation of it {kept_here} time(s): it "
            "may say the opposite.",
            source_span=(cue.start(), cue.end()),
        )
    ]


def _verbal(
    cues: list[re.Match[str]], language: str, emphatic: list[re.Match[str]]
) -> list[re.Match[str]] | None:
    """The negations among `cues` that negate a verb (`not`, `no`, `ne … pas`, and the emphatic
    ones, `en absoluto` for `absolutely not`), as against an n-word alone (`nothing`, `nunca`,
    `ningún`); None for a language without a list of them."""
    patterns = _patterns(base_language(language))
    if patterns is None or patterns.verbal is None:
        return None
    verbal = patterns.verbal
    return [cue for cue in cues if cue in emphatic or verbal.fullmatch(cue.group())]


def _lost_in_a_sentence(
    pair: Pair, source_cues: list[re.Match[str]], target_cues: list[re.Match[str]]
) -> tuple[re.Match[str], tuple[int, int], int, int] | None:
    """The first cue of a source sentence whose aligned translation has fewer cues, with the
    sentence's span and both counts; None when another sentence of the translation has a cue
    too many about where the lost one was (at the same share of the paragraph's length):
    sentences segmented otherwise on the two sides put it in a neighbouring bead."""
    if _placed_alike(pair, source_cues, target_cues):
        return (
            None  # every negation has one where it was: aligning (which costs) can't find one lost
        )
    source_spans = sentence_spans(pair.source, pair.source_language)
    target_spans = sentence_spans(pair.target, pair.target_language)
    if len(source_spans) < 2 and len(target_spans) < 2:
        return None  # one sentence: the paragraph's count was the sentence's
    beads = align.align(
        [pair.source[a:b] for a, b in source_spans],
        [pair.target[a:b] for a, b in target_spans],
        pair.source_language,
        pair.target_language,
        ratio=typical_ratio(pair),
        merge=_MERGE,
    )
    lost: list[tuple[list[re.Match[str]], tuple[int, int], int]] = []
    surplus: list[float] = []
    for bead in beads:
        start, end = _extent(source_spans, bead.source)
        here = [cue for cue in source_cues if start <= cue.start() < end]
        t_start, t_end = _extent(target_spans, bead.target)
        there = [cue for cue in target_cues if t_start <= cue.start() < t_end]
        if len(there) < len(here):
            lost.append((here, (start, end), len(there)))
        elif len(there) > len(here):
            surplus += [cue.start() / len(pair.target) for cue in there]
    for here, span, kept in lost:
        places = [cue.start() / len(pair.source) for cue in here]
        if not any(abs(a - b) <= _NEAR for a in places for b in surplus):
            return here[kept], span, len(here), kept
    return None


def _placed_alike(
    pair: Pair, source_cues: list[re.Match[str]], target_cues: list[re.Match[str]]
) -> bool:
    """Whether each source cue has a cue of its own in the translation at about the same share
    of the paragraph's length (`_NEAR`), taken in order."""
    places = [cue.start() / len(pair.target) for cue in target_cues]
    taken = 0
    for cue in source_cues:
        place = cue.start() / len(pair.source)
        while taken < len(places) and places[taken] < place - _NEAR:
            taken += 1
        if taken == len(places) or places[taken] > place + _NEAR:
            return False
        taken += 1
    return True


def _emphatic(pair: Pair) -> list[re.Match[str]]:
    """The emphatic negations the translation writes without a cue (`en absoluto`, what the
    engine writes for `absolutely not` and `not at all`), as many as the source has at most:
    elsewhere (`me afecta en absoluto` for `doesn't affect me at all`) they negate nothing."""
    source = _patterns(base_language(pair.source_language))
    target = _patterns(base_language(pair.target_language))
    if source is None or target is None:
        return []
    wanted = len(source.emphatic.findall(pair.source))
    return list(target.emphatic.finditer(pair.target))[:wanted]


def _extent(spans: list[tuple[int, int]], indices: tuple[int, ...]) -> tuple[int, int]:
    """Where the sentences `indices` of a bead run, (0, 0) for none."""
    return (spans[indices[0]][0], spans[indices[-1]][1]) if indices else (0, 0)


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
    titled = headline_like(text, language)
    found: list[re.Match[str]] = []
    last_end = -_REACH
    for match in patterns.cue.finditer(masked):
        if _OPENING_QUOTE.search(masked, 0, match.start()) and _CLOSING_QUOTE.match(
            masked, match.end()
        ):
            continue  # `tell yourself “no.”`: a word quoted, not a statement negated
        between = masked[max(0, last_end) : match.start()]
        if (
            found
            and len(between.split()) <= _REACH
            and not _CLAUSE_END.search(between)
            and patterns.completion.fullmatch(match.group())
            and not patterns.conjunction.search(between)
        ):
            last_end = match.end()
            continue  # the second half of the previous negation
        if _in_a_name(masked, match, titled):
            continue  # `No Lean Season`, `Nothing Phone`: a name's first word
        if patterns.cue_only.fullmatch(match.group()) and (
            patterns.clitic.fullmatch(match.group())
            or not patterns.noun.fullmatch(match.group())
            or not patterns.not_after.search(masked, 0, match.start())
        ):
            found.append(match)
            last_end = match.end()
    return found


def _in_a_name(text: str, cue: re.Match[str], titled: bool) -> bool:
    """Whether a cue is the first word of a name: capitalised inside a sentence, before another
    capitalised word (`the No Lean Season programme`), outside a title-case headline, where
    every word is capitalised (`Minister Does Not Resign`)."""
    word = cue.group()
    if titled or not word[:1].isupper() or opens(text, cue.start()):
        return False
    following = _NEXT_LETTER.match(text, cue.end())
    return following is not None and following.group(1).isupper()  # not `Não é`


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
    #: the cues `not_after` applies to, which may be nouns (`personne`; not `aucune`: `d'aucune
    #: façon` negates)
    noun: re.Pattern[str]
    #: cues that are never nouns, whatever stands before them (`de ne pas`)
    clitic: re.Pattern[str]
    #: emphatic negations (`absolutely not`; `en absoluto`, written without a cue)
    emphatic: re.Pattern[str]
    #: the cues of a verb's negation (`not`; `no`, `ne`), None for a language without a list
    verbal: re.Pattern[str] | None
    #: words that join two clauses: a completion after one starts a negation of its own
    conjunction: re.Pattern[str]
    #: whether a post-verbal n-word takes the verb's negation (`no vio a nadie`), so that a
    #: verb's negation of the source stays one in this language
    concord: bool


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
        _alternation(entry["nouns"], inside) if entry.get("nouns") else never,
        _alternation(entry["clitics"], inside) if entry.get("clitics") else never,
        _alternation(entry["emphatic"], inside) if entry.get("emphatic") else never,
        _alternation(entry["verbal"], inside) if entry.get("verbal") else None,
        _alternation(entry["conjunctions"], inside) if entry.get("conjunctions") else never,
        bool(entry.get("concord")),
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
