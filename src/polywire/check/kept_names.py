"""Names a translation must keep as written: a one-word name the translator protects (`Trump`,
`Apple`, `Senate`) and the translation lacks was translated as a word.

The translator masks the story's names before any engine (`polywire.translate.names`), so a
name it would protect comes back as written, or in the target's own form where it has one
(`places`: `Beijing` → `Pekín`), or as the publisher's glossary renders it. In a translation
into the source's script, a one-word name of the source passage (read by the translator's
reader, with the whole story in view: `story.protected`) must be there as many times as the
source has it, accents aside:

- a name the translation lacks altogether, in any form the check knows (`found_in`: a near
  spelling, a skeleton, a CLDR name), is major even with no word to pair it with (`Trump` →
  `Triunfo` at a sentence's start, where no capital tells a name);
- a name the translation writes only in another form of the same word (`Senate` → `Senado`,
  `Emirates` → `Emiratos`, `Berlin` → `Berlina`) is major, the form is named; a spelling that
  only transliterates otherwise (`Zelensky`, `Zelenski`; `Gaddafi`, `Gadafi`) is not;
- a name the translation writes only with accents the source never puts on it, as a common
  word of the target language (`Video` → `Vídeo`, `MacBook Pro` → `MacBook Pró`), is major:
  accents are folded elsewhere, but a masked name cannot gain them; the name as the target's
  readers spell it (`Lopez` → `López`, which its dictionary has only as a name) is the name;
  with no dictionary of the target installed, a translation that respells two or more of the
  story's names spells names its own way (`Nguyễn Thị Lan` for `Nguyen Thi Lan`) and is exempt;
- a name found only inside a longer word, longer by more than a case ending, is not there
  (`Inc.` → `Incubación`);
- a name the translation writes fewer times than the source is major where a capitalised word
  the source lacks stands near where the source has it (`Mr. Trump` … `Mr. Triunfo`), except in
  languages that capitalise every noun.

These hold for English sources, which capitalise every word of a name: elsewhere a capitalised
word alone often heads a longer name (`Banque asiatique de développement`), and a one-word name
joined by `and` to a longer one is part of it (`Food and Drug Administration`); both are
translated whole. For a name of several words, a word replaced next to a word of it the
translation kept is major in any language (`US Senate` → `US Sénat`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import lru_cache

from polywire.check.lexicon import common_words
from polywire.check.model import Issue, Pair, Severity
from polywire.check.names import Span, ascii_fold, folded_words, found_in, place_names
from polywire.check.story import opens, protected, stop_words, story
from polywire.check.text import excerpt
from polywire.glossary import active, rendering
from polywire.language_tags import base_language, script_of
from polywire.translate.places import local_form

#: How far apart (as a share of the passage) a lost name and the word in its place may be.
_NEARBY = 0.15
#: How alike a form of the name must be to be the same word in another form (`Senado`).
_FORM_OF = 0.6
_NOUNS_CAPITALISED = {"de", "lb"}
#: Source languages that capitalise every word of a name (`Asian Development Bank`): there, a
#: capitalised word alone is a whole name. French or Spanish capitalise a name's first word
#: only (`Banque asiatique de développement`), which a translation translates whole.
_TITLE_CASE_NAMES = {"en"}
#: The most letters a case ending adds to a name (`Trumpille`, Finnish `to Trump`).
_CASE_ENDING = 4
#: A translation that writes this many of the story's names with accents of its own spells
#: names its own way (`Nguyễn Thị Lan` for `Nguyen Thi Lan`).
_RESPELLED = 2
_SPELLING = (("ph", "f"), ("y", "i"), ("j", "i"), ("w", "v"), ("k", "c"))


def lost_names(
    pair: Pair, names_of: Callable[[str, str, str], list[Span]], justified: list[tuple[int, int]]
) -> list[Issue]:
    """Major issues for the protected names of the source the translation lost or changed.

    `names_of(text, language, document)` reads the translation's names; `justified` are the
    places in the source of names a local form in the translation stands for (`U.S.`)."""
    if script_of(pair.source_language) != script_of(pair.target_language):
        return []
    source_words = set(folded_words(pair.source))
    target_words = [f for f, _ in _target_tokens(pair, r"[^\W\d_]+")]
    candidates = _candidates(pair, names_of, source_words)
    found = protected(pair.source, pair.source_document, pair.source_language)
    by_name: dict[str, list[Span]] = {}
    for name in found:
        if not _acronym(name.text) and not any(
            a <= name.start and name.end <= b for a, b in justified
        ):
            by_name.setdefault(name.text, []).append(name)
    issues = []
    for text, mentions in by_name.items():
        if " " in text or "-" in text:
            issues += _parts_lost(pair, mentions[0], source_words)
            continue
        if base_language(pair.source_language) not in _TITLE_CASE_NAMES or any(
            _in_compound(m, found, pair.source) for m in mentions
        ):
            continue
        folded = ascii_fold(text)
        wanted = max(len(mentions), _said(text, pair.source))
        if target_words.count(folded) + _glued(text, pair) >= wanted or _local(text, pair):
            continue
        accented = [w for w in _accented(pair) if ascii_fold(w.text) == folded]
        if accented:  # `Video` → `Vídeo`: the engine's word, not the protected name
            issues.append(_issue(pair, mentions[0], accented[0]))
            continue
        issue = _judged(pair, text, mentions, candidates, present=folded in target_words)
        if issue is not None:
            issues.append(issue)
    return issues


def _candidates(
    pair: Pair, names_of: Callable[[str, str, str], list[Span]], source_words: set[str]
) -> list[tuple[Span, bool]]:
    """Capitalised words of the translation the source lacks, each with whether it opens a
    sentence: a name's words, and the first words of sentences that the translation never
    writes in lower case (`Porcelana embajador …` for `China's ambassador …`)."""
    found = [
        (word, False)
        for name in names_of(pair.target, pair.target_language, pair.target_document)
        for word in _words(name)
        if ascii_fold(word.text) not in source_words
    ]
    told = story(pair.target_document or pair.target, pair.target_language)
    stops = stop_words(base_language(pair.target_language))
    for match in re.finditer(r"[^\W\d_]{3,}", pair.target):
        word = match.group()
        if (
            word[:1].isupper()
            and opens(pair.target, match.start())
            and word.lower() not in stops
            and word.lower() not in told.lower
            and ascii_fold(word) not in source_words
        ):
            found.append((Span(word, match.start(), match.end()), True))
    return found


def _in_compound(name: Span, found: list[Span], text: str) -> bool:
    """Whether a one-word name and a name of several words are one name joined by `and`
    (`Ministry of Industry and Trade`, `Food and Drug Administration`), which a translation
    renders whole (`Bộ Công Thương`, `Administración de Alimentos y Medicamentos`)."""
    joined = re.compile(r"\s+(?:and|&)\s+")
    return any(
        " " in other.text
        and (
            (other.end <= name.start and joined.fullmatch(text[other.end : name.start]))
            or (name.end <= other.start and joined.fullmatch(text[name.end : other.start]))
        )
        for other in found
    )


def _said(name: str, text: str) -> int:
    """How many times the text writes the name as written, as a whole word."""
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))


def _judged(
    pair: Pair,
    text: str,
    mentions: list[Span],
    candidates: list[tuple[Span, bool]],
    *,
    present: bool,
) -> Issue | None:
    nearest = _nearest(pair, mentions, candidates)
    if not present:
        forms = [w for w, _ in candidates if _form_of(text, w.text)]
        if forms:
            return _issue(pair, mentions[0], forms[0])
        rest = _without_longer_names(pair.target, text, pair.source)
        if found_in(text, rest, pair.target_language, pair.source_language):
            return None  # another spelling (`Zelenski`), a transliteration, a CLDR name
        return _issue(pair, mentions[0], nearest[1] if nearest else None)
    if nearest is None or base_language(pair.target_language) in _NOUNS_CAPITALISED:
        return None
    return _issue(pair, *nearest)


def _glued(name: str, pair: Pair) -> int:
    """How many times the translation writes the name glued to a capitalised word the source
    does not have (`GeneralEs`: the engine's `'s` after a protected name, a space lost)."""
    source_words = set(re.findall(r"[^\W\d_]+", pair.source))
    return sum(
        match.group() not in source_words and match.group()[len(name)].isupper()
        for match in re.finditer(rf"(?<![^\W\d_]){re.escape(name)}[^\W\d_]+", pair.target)
    )


def _without_longer_names(target: str, name: str, source: str) -> str:
    """The target less the words that hold the name inside them and say nothing of it: words
    the source writes too (`AppleInsider` for `Apple`), and words longer than the name by more
    than a case ending (`Incubación` for `Inc.`: the engine's word for it, not the name
    inflected, `Trumpa`, `Trumpille`)."""
    folded = ascii_fold(name)
    longer = {w for w in re.findall(r"[^\W\d_]+", source) if folded in ascii_fold(w) and w != name}

    def kept(word: str) -> str:
        inside = ascii_fold(word)
        if word in longer or (folded in inside and len(inside) > len(folded) + _CASE_ENDING):
            return ""
        return word

    return re.sub(r"[^\W\d_]+", lambda m: kept(m.group()), target)


@lru_cache(maxsize=64)
def _accented(pair: Pair) -> tuple[Span, ...]:
    """Words of the translation that are words of the source with accents the source never
    writes on them (`MacBook Pro` → `MacBook Pró`, `4K Video` → `4K Vídeo`): a protected name
    comes back as written, so such a word is the engine's, not the name (a place's own form,
    `México`, is a local form). Only a common word of the target language can be the engine's:
    where its dictionary is installed (`lexicon`), a word it knows only as a name is the name as
    people write it there (`Maria Lopez` → `Maria López`, by a person or another wire). Without
    one, a translation that writes two or more of the story's names with accents the source
    leaves off spells names its own way (`Nguyen Thi Lan` → `Nguyễn Thị Lan`): there, none is
    the engine's."""
    plain = {ascii_fold(w) for w in re.findall(r"[^\W\d_]+", pair.source) if w.isascii()}
    plain -= {ascii_fold(w) for w in re.findall(r"[^\W\d_]+", pair.source) if not w.isascii()}
    found = [
        Span(m.group(), m.start(), m.end())
        for m in re.finditer(r"[^\W\d_]+", pair.target)
        if not m.group().isascii() and ascii_fold(m.group()) in plain
    ]
    if not found:
        return ()
    common = common_words((w.text for w in found), pair.target_language)
    if common is not None:
        return tuple(w for w in found if w.text in common)
    source, target = pair.source_document or pair.source, pair.target_document or pair.target
    if _respelled(source, target, pair.source_language) >= _RESPELLED:
        return ()
    return tuple(found)


@lru_cache(maxsize=64)
def _respelled(source: str, target: str, language: str) -> int:
    """How many words of the source story's protected names the translated story writes only
    with accents the source does not have."""
    words = {
        w
        for n in protected(source, source, language)
        for w in re.findall(r"[^\W\d_]+", n.text)
        if w.isascii()
    }
    written = re.findall(r"[^\W\d_]+", target)
    exact = {w.lower() for w in written if w.isascii()}
    spelled = {ascii_fold(w) for w in written if not w.isascii()}
    return sum(w.lower() in spelled and w.lower() not in exact for w in words)


def _target_tokens(pair: Pair, word: str) -> list[tuple[str, Span]]:
    """The translation's words (`word`: a pattern), each folded to ASCII, but a word with accents
    the source does not write (`_accented`) folded apart: it is not the source's word."""
    accented = {(w.start, w.end) for w in _accented(pair)}
    return [
        (
            ascii_fold(m.group()) + ("\u0301" if (m.start(), m.end()) in accented else ""),
            Span(m.group(), m.start(), m.end()),
        )
        for m in re.finditer(word, pair.target)
    ]


def _parts_lost(pair: Pair, name: Span, source_words: set[str]) -> list[Issue]:
    """A word of a name of several words replaced next to a word of it the translation kept
    (`US Senate` → `US Senado`, `Apple iPad Pro` → `Manzana iPad Pro`, `Republican Phil Bryant`
    → `Republicano Phil Bryant`), translated or not; places in the target's form apart (`New
    York Stock Exchange` → `Bolsa de Nueva York`)."""
    words = [
        Span(m.group(), name.start + m.start(), name.start + m.end())
        for m in re.finditer(r"[^\W_]+", name.text)
    ]
    tokens = _target_tokens(pair, r"[^\W_]+")
    folded = [ascii_fold(w.text) for w in words]
    if _run_count(folded, [t for t, _ in tokens]) >= _said(name.text, pair.source):
        return []
    local = _local_words(words, pair)
    target_words = [t for t, _ in tokens]
    # a function word of the name (`The Medium`) is wanted as often as the name: the source's
    # other `The`s open sentences the translation words its own way
    function_words = stop_words(base_language(pair.source_language))
    kept = [
        i in local
        or target_words.count(f) + _glued(w.text, pair)
        >= _said(name.text if w.text.lower() in function_words else w.text, pair.source)
        for i, (w, f) in enumerate(zip(words, folded, strict=True))
    ]
    stops = stop_words(base_language(pair.target_language))
    for i, word in enumerate(words):
        if kept[i]:
            continue
        for side in (-1, 1):
            if not 0 <= i - side < len(words) or not kept[i - side]:
                continue
            for at, (token, _) in enumerate(tokens):
                if token != folded[i - side] or not 0 <= at + side < len(tokens):
                    continue
                other, span = tokens[at + side]
                if (
                    _namey(span.text)
                    and other not in source_words
                    and span.text.lower() not in stops
                ):
                    return [_issue(pair, word, span, whole=name.text)]
    return []


def _run_count(run: list[str], tokens: list[str]) -> int:
    size = len(run)
    return sum(tokens[i : i + size] == run for i in range(len(tokens) - size + 1))


def _local_words(words: list[Span], pair: Pair) -> set[int]:
    """Indices of the words of a name that are part of a place the translation writes in its
    own form (`New York` → `Nueva York`)."""
    covered: set[int] = set()
    for start in range(len(words)):
        for end in range(len(words), start, -1):
            text = " ".join(w.text for w in words[start:end])
            if _local(text, pair):
                covered |= set(range(start, end))
                break
    return covered


def _namey(word: str) -> bool:
    return word[:1].isupper() or (word[:1].islower() and any(c.isupper() for c in word[1:]))


def _acronym(name: str) -> bool:
    """Acronyms have a check of their own."""
    return len(name) > 1 and name.replace(".", "").isupper()


def _words(name: Span) -> list[Span]:
    return [
        Span(m.group(), name.start + m.start(), name.start + m.end())
        for m in re.finditer(r"[^\W\d_]{2,}", name.text)
        if m.group()[:1].isupper()
    ]


def _local(name: str, pair: Pair) -> bool:
    """Whether the translation writes the name in a form the translator, CLDR or the
    publisher's glossary gives it."""
    source, target = pair.source_language, base_language(pair.target_language)
    forms = [local_form(name, source, target)]
    forms += list(place_names(source, target).get(name.lower(), ()))
    glossary = active.get()
    forms.append(rendering(glossary, name, pair.target_language, target))
    return any(form and form != name and form in pair.target for form in forms)


def _spelling_key(word: str) -> str:
    """A word with the letters transliterations trade for one another merged."""
    key = ascii_fold(word)
    for letters, letter in _SPELLING:
        key = key.replace(letters, letter)
    return re.sub(r"(.)\1+", r"\1", key)


def _form_of(name: str, word: str) -> bool:
    """Whether `word` is the name in another form of the same word (`Senate`, `Senado`;
    `Chiefs`, `Chefs`), not another spelling of the name (`Zelensky`, `Zelenski`)."""
    a, b = ascii_fold(name), ascii_fold(word)
    if a == b or _spelling_key(name) == _spelling_key(word):
        return False
    return a[:2] == b[:2] and SequenceMatcher(None, a, b).ratio() >= _FORM_OF


def _nearest(
    pair: Pair, mentions: list[Span], candidates: list[tuple[Span, bool]]
) -> tuple[Span, Span] | None:
    """The mention and the capitalised word the source lacks nearest to it, if near; a
    sentence's first word stands only for a name that opens a sentence too."""
    pairs = [
        (abs(w.start / max(1, len(pair.target)) - m.start / max(1, len(pair.source))), m, w)
        for m in mentions
        for w, first in candidates
        if not first or opens(pair.source, m.start)
    ]
    near = [p for p in pairs if p[0] <= _NEARBY]
    if not near:
        return None
    _, mention, word = min(near, key=lambda p: p[0])
    return mention, word


def _issue(pair: Pair, name: Span, word: Span | None, *, whole: str = "") -> Issue:
    instead = f", which has {word.text} in its place" if word else ""
    what = f"{name.text} of the name {whole}" if whole else f"name {name.text}"
    return Issue(
        "names",
        Severity.MAJOR,
        excerpt(pair.source, name.start, name.end),
        excerpt(pair.target, word.start, word.end) if word else excerpt(pair.target),
        f"The {what} of the source is not in the translation{instead}: a name translated as "
        "a word?",
        source_span=(name.start, name.end),
        target_span=(word.start, word.end) if word else None,
    )
