"""Names and acronyms of the source are in the translation; the translation adds none.

Well-known organisations (`organisations`: the World Bank, the Red Cross, Greenpeace …) the
translation names and the source does not are major in every script: an inserted source.

Acronyms: a source acronym must be in the translation as written, transliterated (`НАТО`),
with its letters reordered (`EU`/`UE`, `NATO`/`OTAN`), or be spelled out by its words in both
(`Asian Development Bank (ADB)`, `Banco Asiático de Desarrollo (BAsD)`). An acronym the
translation has and the source paragraph does not is major: it may be an inserted fact.

Names (runs of capitalised words): organisations are translated (`Asian Development Bank` is
`Banco Asiático de Desarrollo`), so a name of the source that the translation lacks is reported
only when the translation has fewer unmatched names than the source — each translated name
pairs with an untranslatable one — and the other way round for added names. Scripts without
capital letters (Arabic, Chinese, Japanese, Korean, Thai) transliterate names beyond what a
skeleton can match: there, a name is judged lost only when the translation writes it in Latin
letters elsewhere and neither so nor with the words it glossed it with here, and any Latin-script
name the translation adds is reported; from such a source, added names are not judged. A person's
name of a Latin-script source that such a translation (or a Cyrillic one) transliterates is
judged part by part (`transliterated`): `ドナルド・バイデン` for `Donald Trump` is major.
"""

from __future__ import annotations

import re
from datetime import date
from difflib import SequenceMatcher

from anyascii import anyascii
from babel.core import get_global
from babel.numbers import get_territory_currencies

from polywire.check import organisations, transliterated
from polywire.check.calendar_names import find_calendar
from polywire.check.kept_names import lost_names
from polywire.check.local_forms import covered, local_pairs
from polywire.check.model import Issue, Pair, Severity
from polywire.check.names import (
    Span,
    acronym_key,
    acronyms,
    ascii_fold,
    expands,
    folded_words,
    found_in,
    glossary,
    names,
    place_names,
)
from polywire.check.organisations import spans_of
from polywire.check.story import acronyms_in_story, names_in_story, protected, stop_words
from polywire.check.text import excerpt
from polywire.language_tags import base_language, script_of
from polywire.settings.check import CheckSettings

_CASED_SCRIPTS = {"Latn", "Cyrl", "Grek"}
#: How alike two words must be to be one word in two languages (difflib's ratio).
_COGNATE = 0.7
#: What a sentence's first word follows.
_OPENERS = ".!?:;\"“”«»„—–-(['‘"
#: Letters from which a word in capitals is read as a shouted word rather than an acronym.
_SHOUTED = 5
#: How far apart (as a share of the paragraph) a lost name and the word in its place may be.
_NEARBY = 0.15
#: ISO 4217 codes of the currencies in use: a translation writes `1,5 triệu USD` for $1.5 million.
_CURRENCIES = frozenset(
    code
    for territory in get_global("territory_currencies")
    for code in get_territory_currencies(territory, date.today())
)


def check_names(pair: Pair, settings: CheckSettings) -> list[Issue]:
    # local forms (`EE.UU.` for `U.S.`, `PIB` for `GDP`) stand for what the source says
    source_local, target_local = local_pairs(pair.source, pair.target, pair.target_language)
    inserted, justified = _organisations(pair)
    source_local += spans_of(pair.source, justified)
    target_local += spans_of(pair.target, justified)
    issues = _acronym_issues(pair, source_local, target_local) + _name_issues(
        pair, source_local, target_local
    )
    issues = _with_lost_names(issues, lost_names(pair, _names, source_local))
    # an inserted organisation is reported once, as the organisation
    places = [i.target_span for i in inserted if i.target_span]
    return inserted + [
        i for i in issues if not (i.target_span and any(_overlap(i.target_span, p) for p in places))
    ]


def _with_lost_names(issues: list[Issue], lost: list[Issue]) -> list[Issue]:
    """The issues, with the protected names the translation lost (`kept_names`) made major:
    each name once, as the major issue already found for it if there is one."""
    majors = [i.source_span for i in issues if i.severity == Severity.MAJOR and i.source_span]
    lost = [
        i for i in lost if i.source_span and not any(_overlap(i.source_span, m) for m in majors)
    ]
    spans = [i.source_span for i in lost if i.source_span]
    return [
        i for i in issues if not (i.source_span and any(_overlap(i.source_span, s) for s in spans))
    ] + lost


def _organisations(pair: Pair) -> tuple[list[Issue], set[str]]:
    """Well-known organisations the translation names and the source does not, as major
    issues, and those both name."""
    found = organisations.mentions(pair.target, pair.target_language)
    if not found:
        return [], set()
    named = organisations.named_in(pair.source)
    issues = [
        Issue(
            "names",
            Severity.MAJOR,
            excerpt(pair.source),
            excerpt(pair.target, m.start, m.end),
            f"The translation names {m.text} ({m.organisation}), which the source does not: "
            "it may be an inserted fact.",
            target_span=(m.start, m.end),
        )
        for m in found
        if m.organisation not in named
    ]
    return issues, {m.organisation for m in found} & named


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _acronym_issues(
    pair: Pair, source_local: list[tuple[int, int]], target_local: list[tuple[int, int]]
) -> list[Issue]:
    source_acronyms = [
        a
        for a in acronyms_in_story(
            acronyms(pair.source), pair.source, pair.source_document, pair.source_language
        )
        if not _unit(a) and not covered(a.start, a.end, source_local)
    ]
    target_acronyms = [
        a
        for a in acronyms_in_story(
            acronyms(pair.target), pair.target, pair.target_document, pair.target_language
        )
        if not _unit(a) and not covered(a.start, a.end, target_local)
    ]
    source_keys = {acronym_key(a.text) for a in source_acronyms}
    target_keys = {acronym_key(a.text) for a in target_acronyms}
    # the capitals of an acronym in any order: EU/UE, NATO/OTAN, ADB/BAsD
    source_keys |= {_capitals(a.text) for a in source_acronyms}
    target_keys |= {_capitals(a.text) for a in target_acronyms}

    def matched(acronym: Span, keys: set[str]) -> bool:
        forms = {acronym_key(acronym.text), _capitals(acronym.text)}
        return bool(forms & keys) or any(_letters(f) == _letters(k) for f in forms for k in keys)

    missing = [
        a
        for a in source_acronyms
        if not matched(a, target_keys) and acronym_key(a.text) not in _ascii(pair.target)
    ]
    added = [
        a
        for a in target_acronyms
        if not matched(a, source_keys)
        and acronym_key(a.text) not in _ascii(pair.source)
        and not _abbreviates_a_name(a, pair.source, pair.source_language)
    ]
    # a word the source writes in capitals is translated in capitals (`FULL` → `LLENO`)
    shouted = [a for a in missing if _shouted_word(a.text)]
    for source_word, target_word in zip(
        shouted, [a for a in added if _shouted_word(a.text)], strict=False
    ):
        missing.remove(source_word)
        added.remove(target_word)
    # an acronym spelled out by its words is the same acronym translated (ADB / BAsD / АБР)
    spelled_missing = [a for a in missing if expands(pair.source, a)]
    spelled_added = [a for a in added if expands(pair.target, a)]
    if spelled_missing or spelled_added:  # spelled out on one side is enough to pair them
        spelled_missing, spelled_added = missing[:], added[:]
    for source_acronym, target_acronym in zip(spelled_missing, spelled_added, strict=False):
        missing.remove(source_acronym)
        added.remove(target_acronym)
    issues = [
        Issue(
            "names",
            Severity.MINOR,
            excerpt(pair.source, a.start, a.end),
            excerpt(pair.target),
            f"The acronym {a.text} of the source is not in the translation.",
            source_span=(a.start, a.end),
        )
        for a in _unique(missing)
    ]
    # a word of five letters or more in capitals, vowels among them (`ALLEZ`, `CETTE`), is more
    # often a word the source wrote in capitals than an acronym, and so is a function word of
    # the target in capitals (`EL agua`: the engine's case): they are only minor
    function_words = stop_words(base_language(pair.target_language))
    issues += [
        Issue(
            "names",
            Severity.MINOR
            if (len(a.text) >= _SHOUTED and _shouted_word(a.text))
            or a.text.lower() in function_words
            else Severity.MAJOR,
            excerpt(pair.source),
            excerpt(pair.target, a.start, a.end),
            f"The translation has the acronym {a.text}, which the source does not have: "
            "it may be an inserted fact.",
            target_span=(a.start, a.end),
        )
        for a in _unique(added)
    ]
    return issues


def _name_issues(
    pair: Pair, source_local: list[tuple[int, int]], target_local: list[tuple[int, int]]
) -> list[Issue]:
    target_script = script_of(pair.target_language)
    source_names = [
        n
        for n in _names(pair.source, pair.source_language, pair.source_document)
        if not _overlaps(n, source_local)
    ]
    target_names = [
        n
        for n in _names(pair.target, pair.target_language, pair.target_document)
        if not _overlaps(n, target_local)
    ]
    lost = [
        n
        for n in source_names
        if not _any_word_found(n, pair.target, pair.target_language, pair.source_language)
    ]
    added = [
        n
        for n in target_names
        if not _any_word_found(n, pair.source, pair.source_language, pair.target_language)
    ]
    issues = []
    if target_script in _CASED_SCRIPTS and script_of(pair.source_language) == target_script:
        changed, lost, added = _changed_names(pair, source_names, target_names, lost, added)
        issues += changed
    elif script_of(pair.source_language) == "Latn":
        issues += _latin_name_changed(pair, source_names)
        issues += [
            _part_replaced_issue(pair, *replaced)
            for replaced in transliterated.changed_parts(pair, source_names)
        ]
    if target_script in _CASED_SCRIPTS:
        issues += [
            Issue(
                "names",
                Severity.MINOR,
                excerpt(pair.source, n.start, n.end),
                excerpt(pair.target),
                f"The name {n.text} of the source is not in the translation.",
                source_span=(n.start, n.end),
            )
            for n in _beyond(lost, added)
        ]
    if target_script not in _CASED_SCRIPTS:
        issues += [
            Issue(
                "names",
                Severity.MINOR,
                excerpt(pair.source, n.start, n.end),
                excerpt(pair.target),
                f"The name {n.text} of the source is not in the translation, which writes it "
                "in other paragraphs.",
                source_span=(n.start, n.end),
            )
            for n in _lost_in_caseless_script(pair, lost)
        ]
    if script_of(pair.source_language) not in _CASED_SCRIPTS:
        return issues  # the source's names are transliterated beyond what can be matched
    # a name of several words that nothing the source lost resembles, and more words than the
    # source's capitalised words the translation lacks could have become, was inserted (`el
    # Banco Mundial`): `Black Death` → `Muerte Negra`, a title in capitals translated word for
    # word, is not; a one-word name is left to the count below (made major, it doubled the false
    # alarms measured on engine output, where one-word names the engine translated abound)
    lost_words = [w for n in lost for w in _words_of(n)]
    target_words = {ascii_fold(w) for w in re.findall(r"[^\W\d_]+", pair.target)}
    budget = sum(ascii_fold(w.text) not in target_words for n in source_names for w in _words_of(n))
    inserted = []
    for n in added:
        size = _size(n)
        if (
            size < 2
            or _opens_sentence(pair.target, n)
            or any(_cognate(w.text, x.text) for w in _words_of(n) for x in lost_words)
        ):
            continue  # a sentence's first word capitalised with the next (`Quand Les`)
        if size <= budget:
            budget -= size
        else:
            inserted.append(n)
    added = [n for n in added if n not in inserted]
    issues += [_added_issue(pair, n, Severity.MAJOR) for n in inserted]
    extra = added if target_script not in _CASED_SCRIPTS else _beyond(added, lost)
    issues += [_added_issue(pair, n, Severity.MINOR) for n in extra]
    return issues


def _opens_sentence(text: str, name: Span) -> bool:
    before = text[: name.start].rstrip()
    return not before or before[-1] in _OPENERS


def _beyond(names_: list[Span], others: list[Span]) -> list[Span]:
    """The names of `names_` (in order) past as many capitalised words as `others` have: each
    name the translation lost may have become a name it added, word for word (`Ministry of
    Industry and Trade`, `Bộ Công Thương`)."""
    budget = sum(_size(n) for n in others)
    beyond = []
    for name in names_:
        if _size(name) <= budget:
            budget -= _size(name)
        else:
            beyond.append(name)
    return beyond


def _size(name: Span) -> int:
    return max(1, sum(word[:1].isupper() for word in name.text.split()))


def _added_issue(pair: Pair, n: Span, severity: Severity) -> Issue:
    return Issue(
        "names",
        severity,
        excerpt(pair.source),
        excerpt(pair.target, n.start, n.end),
        f"The translation names {n.text}, which the source does not: it may be an inserted fact.",
        target_span=(n.start, n.end),
    )


def _changed_names(
    pair: Pair,
    source_names: list[Span],
    target_names: list[Span],
    lost: list[Span],
    added: list[Span],
) -> tuple[list[Issue], list[Span], list[Span]]:
    """Names the translation changed, as major issues, and the lost and added names left.

    A name of several words with some of them in the translation and another word there in
    their place (`Cam Heyward` → `Cam Whitfield`) was changed: every part of a name must be
    there. A one-word name lost where the translation has a one-word name the source lacks and
    that does not look like it (`Trump` → `Triunfo`, `Musk` → `Almizcle`) was translated as a
    word; a translated name keeps its look (`Congress`, `Congreso`), and only a name the
    translator keeps from the engine must keep it (`_kept_by_translator`): a capitalised word it
    leaves to the engine (`British`, `Make-up`) may come back translated."""
    issues = []
    # words of the translation's names that the source does not write (a near spelling is
    # no excuse here: `Moreau` is not `more`)
    source_words = set(folded_words(pair.source))
    target_words = [
        (word, name)
        for name in target_names
        for word in _words_of(name)
        if ascii_fold(word.text) not in source_words
    ]
    for name in source_names:
        words = _words_of(name)
        if len(words) < 2:
            continue
        present = [
            w
            for w in words
            if found_in(w.text, pair.target, pair.target_language, pair.source_language)
        ]
        # a word the translation writes fewer times than the source is missing somewhere: its
        # other mentions do not make up for it (`Alexander Vindman` … `Vindman said`)
        absent = [w for w in words if w not in present or _fewer(w.text, pair.source, pair.target)]
        if not present or not absent or _place(name, pair):
            continue
        # only a part after a kept one, replaced after it (`Cam Heyward` → `Cam Whitfield`):
        # a leading title or word is translated in place (`Governor`, `Gubernur`)
        absent = [w for w in absent if w.start > present[0].start]
        if not absent:
            continue
        replaced = _part_replaced(words, present, absent, target_words)
        if replaced is not None:
            issues.append(_part_replaced_issue(pair, name, *replaced))
    single_added = [n for n in added if len(_words_of(n)) == 1]
    kept = _kept_by_translator(pair)
    for name in [n for n in lost if len(_words_of(n)) == 1]:
        if kept is not None and name.text not in kept:
            continue  # a word the translator leaves to the engine (`British`, `You`, `Make-up`)
        where = name.start / max(1, len(pair.source))
        word = next(
            (
                n
                for n in single_added
                if not _cognate(n.text, name.text)
                and abs(n.start / max(1, len(pair.target)) - where) <= _NEARBY
            ),
            None,
        )
        if word is None:
            continue
        single_added.remove(word)
        lost = [n for n in lost if n is not name]
        added = [n for n in added if n is not word]
        issues.append(
            Issue(
                "names",
                Severity.MAJOR,
                excerpt(pair.source, name.start, name.end),
                excerpt(pair.target, word.start, word.end),
                f"The name {name.text} of the source is not in the translation, which has "
                f"{word.text} instead: a name translated as a word?",
                source_span=(name.start, name.end),
                target_span=(word.start, word.end),
            )
        )
    return issues, lost, added


def _kept_by_translator(pair: Pair) -> set[str] | None:
    """The names of the source passage that the translator keeps from the engine
    (`story.protected`), and their words; None when the check has no story to read them with.
    A capitalised word it leaves to the engine (a demonym, a sentence's first word, a word the
    story also writes in lower case) may be translated as a word."""
    if not pair.source_document:
        return None
    spans = protected(pair.source, pair.source_document, pair.source_language)
    return {s.text for s in spans} | {w for s in spans for w in re.split(r"[\s-]+", s.text)}


_LATIN_NAME = re.compile(r"[A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+)*")


def _latin_name_changed(pair: Pair, source_names: list[Span]) -> list[Issue]:
    """Names of several words a translation in another script writes in Latin letters with a
    part changed (`Helix Therapeutics` → `Helix Whitfield` in Japanese or Russian): the first
    word is there, followed by a Latin word that is not the next word of the name."""
    issues = []
    for name in source_names:
        words = name.text.split()
        if not 2 <= len(words) <= 3 or words[1] in pair.target:
            continue
        for match in re.finditer(rf"(?<![A-Za-z]){re.escape(words[0])}\s+", pair.target):
            after = _LATIN_NAME.match(pair.target, match.end())
            if after is None or after.group().split()[0] in pair.source:
                continue
            replacement = after.group().split()[0]
            start = after.start()
            issues.append(
                Issue(
                    "names",
                    Severity.MAJOR,
                    excerpt(pair.source, name.start, name.end),
                    excerpt(pair.target, start, start + len(replacement)),
                    f"The name {name.text} of the source has {replacement} in place of "
                    f"{words[1]} in the translation: every part of a name must be kept.",
                    source_span=(name.start, name.end),
                    target_span=(start, start + len(replacement)),
                )
            )
            break
    return issues


def _part_replaced(
    words: list[Span],
    present: list[Span],
    absent: list[Span],
    target_words: list[tuple[Span, Span]],
) -> tuple[Span, Span] | None:
    """The first missing part of a name and the word of the translation in its place: the
    replacement follows the kept word the lost one followed (`Cam` in both), not a word the
    translation moved there (`Biman Compagnies aériennes du Bangladesh`)."""
    kept = {ascii_fold(w.text) for w in present}
    for missing in absent:
        before = ascii_fold(words[words.index(missing) - 1].text)
        if before not in kept:
            continue
        for word, holder in target_words:
            if _follows(word, holder, before) and not any(
                _cognate(word.text, w.text) for w in absent
            ):
                return missing, word
    return None


def _follows(word: Span, holder: Span, before: str) -> bool:
    """Whether `word` comes right after a word `before` in the name `holder`."""
    words = _words_of(holder)
    at = words.index(word)
    return at > 0 and ascii_fold(words[at - 1].text) == before


def _shouted_word(word: str) -> bool:
    """A word in capitals rather than an acronym: three letters or more, vowels among them."""
    letters = anyascii(word).lower()
    return len(letters) >= 3 and letters.isalpha() and any(v in letters for v in "aeiouy")


def _overlaps(name: Span, spans: list[tuple[int, int]]) -> bool:
    return any(start < name.end and name.start < end for start, end in spans)


def _words_of(name: Span) -> list[Span]:
    """The words of a name longer than a particle, with their places in the text."""
    return [
        Span(m.group(), name.start + m.start(), name.start + m.end())
        for m in re.finditer(r"[^\W\d_]{3,}", name.text)
        if not m.group().islower()
    ]


def _cognate(a: str, b: str) -> bool:
    """Whether two words look alike (`Congress`/`Congreso`, `General`/`Geral`)."""
    x, y = ascii_fold(a), ascii_fold(b)
    if x[:4] == y[:4] or (min(len(x), len(y)) <= 4 and x[:3] == y[:3]):
        return True
    return SequenceMatcher(None, x, y).ratio() >= _COGNATE


def _fewer(word: str, source: str, target: str) -> bool:
    """Whether the target has the word, as a whole word with accents folded, fewer times than
    the source."""
    folded = ascii_fold(word)
    return folded_words(target).count(folded) < folded_words(source).count(folded)


def _place(name: Span, pair: Pair) -> bool:
    """Whether the name, or its first words, is a place the translation writes in its own way
    (`New York City` → `Ville de New York`, `New York Islanders` → `Nueva York Islanders`); a
    place the translation writes as the source does (`Hong Kong`) must keep its parts."""
    words = name.text.split()
    target = ascii_fold(pair.target)
    return any(
        found_in(" ".join(words[:size]), pair.target, pair.target_language, pair.source_language)
        and " ".join(words[:size]).lower()
        in place_names(pair.source_language, pair.target_language)
        and ascii_fold(" ".join(words[:size])) not in target
        for size in range(len(words), 1, -1)
    )


def _lost_in_caseless_script(pair: Pair, lost: list[Span]) -> list[Span]:
    """Names a translation in a script without capitals writes in Latin letters elsewhere, but not
    in this paragraph, neither in Latin nor in the words it glossed them with."""
    document = ascii_fold(pair.target_document)
    glossed = glossary(pair.target_document)
    missing = []
    paragraph = ascii_fold(pair.target)
    for name in lost:
        for word in (ascii_fold(w) for w in name.text.split() if len(w) > 3):
            if word not in document or word in paragraph:
                continue  # never written in Latin (transliterated beyond matching), or here
            local = [words for latin, words in glossed.items() if word in latin]
            if not any(part in pair.target for words in local for part in _parts(words)):
                missing.append(name)
                break
    return missing


def _parts(words: str) -> list[str]:
    """`ヘリックス・セラピューティクス` → itself and `ヘリックス`, `セラピューティクス`."""
    parts = [p for p in re.split(r"[\s・·]+", words) if len(p) >= 2]
    return [words, *parts]


def _names(text: str, language: str, document: str = "") -> list[Span]:
    """Names, weekday and month names apart (`thứ Ba`, `Monday`), read with the story in view
    (`story`): a title-case headline's or a sentence's capitalised first words are no names."""
    masked = text
    for m in find_calendar(text, language):
        masked = masked[: m.start] + "x" * (m.end - m.start) + masked[m.end :]
    found = [Span(text[n.start : n.end], n.start, n.end) for n in names(masked, language)]
    return names_in_story(found, text, document, language)


def _any_word_found(name: Span, text: str, language: str, name_language: str) -> bool:
    if found_in(name.text, text, language, name_language):
        return True
    return any(
        found_in(word, text, language, name_language)
        for word in name.text.replace("-", " ").split()
        if len(word) > 2
    )


def _unit(acronym: Span) -> bool:
    """A currency code (`USD` for `$`, `đồng USD` for the dollar) is a unit, not a name."""
    return acronym.text in _CURRENCIES


def _abbreviates_a_name(acronym: Span, source: str, source_language: str) -> bool:
    """Whether the acronym's letters are initials of a name of the source, in order: `JR` for
    `East Japan Railway`."""
    letters = _capitals(acronym.text)
    for name in names(source, source_language):
        initials = "".join(anyascii(word)[:1].upper() for word in name.text.split())
        remaining = iter(initials)
        if len(letters) >= 2 and all(letter in remaining for letter in letters):
            return True
    return False


def _capitals(word: str) -> str:
    return "".join(char for char in anyascii(word) if char.isupper())


def _letters(key: str) -> list[str]:
    return sorted(key)


def _ascii(text: str) -> str:
    return acronym_key(text.replace(" ", "_"))


def _unique(spans: list[Span]) -> list[Span]:
    seen: set[str] = set()
    unique = []
    for span in spans:
        if span.text not in seen:
            seen.add(span.text)
            unique.append(span)
    return unique


def _part_replaced_issue(pair: Pair, name: Span, missing: Span, replacement: Span) -> Issue:
    """A part of a source name with another word in its place: major, on the two words."""
    return Issue(
        "names",
        Severity.MAJOR,
        excerpt(pair.source, missing.start, missing.end),
        excerpt(pair.target, replacement.start, replacement.end),
        f"The name {name.text} of the source has {replacement.text} in place of "
        f"{missing.text} in the translation: every part of a name must be kept.",
        source_span=(missing.start, missing.end),
        target_span=(replacement.start, replacement.end),
    )
