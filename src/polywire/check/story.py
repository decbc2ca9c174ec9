"""A paragraph's names read with the whole story in view, as the translator reads them.

A paragraph alone cannot tell a name from a capitalised common word; the story can. Three rules,
the translator's own (`polywire.translate.names`), hold on both sides of a check:

- a headline in title case, or any segment in capitals, capitalises every word, so its
  capitals say nothing: there, a run of capitalised words is a name only as far as the body
  writes it so (`Harbor Valley Energy Cooperative` of `Harbor Valley Energy Cooperative Opens
  40-Megawatt Community Solar Farm`), and a single word only if the body capitalises it inside
  a sentence or it is a known place;
- a sentence's first word is capitalised wherever it stands, including after a closing
  parenthesis or quote (`(… Edward IV.) Among his friends`): it is a name only if the story
  capitalises it inside a sentence elsewhere or it is a known place, and a function word or a
  word the story also writes in lower case (`While`, `Mientras`) is no first word of a name;
- in a segment mostly in capitals (`QU'EST-CE QUE …`), a word in capitals is an acronym only if
  it is short and the body has it too.

The source's names the translator would protect (`NameReader`) are the names a translation
must keep: `protected` gives them for a source passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from polywire.check.names import ABBREVIATION, Span
from polywire.language_tags import base_language
from polywire.translate.names import NameReader
from polywire.translate.places import data, is_place
from polywire.translate.segment import sentences

#: What a sentence's or a clause's first word may follow: the check's sentence ends, a closing
#: parenthesis, a closing quote.
_OPENS = ".!?:;\"“”«»„—–-([‘’')…"
_POSSESSIVE = re.compile(r"['’]s$")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
#: A title-case segment has this many capitalised words, and no lower-case word but short
#: function words.
_TITLE_CASE_MIN_WORDS = 4
#: A segment with this share of its words in capitals is shouted.
_SHOUTED_SHARE = 0.6
#: The longest word in capitals a shouted segment may hold as an acronym.
_SHOUTED_ACRONYM = 5


@dataclass(frozen=True)
class Story:
    """What one side's whole story says about its words."""

    language: str
    #: The lines that are neither in title case nor in capitals: where case means something.
    body: str
    #: Words the body capitalises inside a sentence (not as its first word).
    inside: frozenset[str]
    #: Words the body writes in lower case.
    lower: frozenset[str]


@lru_cache(maxsize=64)
def story(document: str, language: str) -> Story:
    headline, *paragraphs = document.split("\n")
    lines = [line for line in paragraphs if not shouted(line)]
    if not headline_like(headline, language):
        lines.insert(0, headline)
    inside: set[str] = set()
    lower: set[str] = set()
    for line in lines:
        for match in _WORD.finditer(line):
            word = _POSSESSIVE.sub("", match.group()).rstrip("'’.-")
            if word.islower():
                lower.add(word)
            elif word[:1].isupper() and not opens(line, match.start()):
                inside.add(word)
    return Story(base_language(language), "\n".join(lines), frozenset(inside), frozenset(lower))


def clear_cache() -> None:
    story.cache_clear()
    _reader.cache_clear()


def headline_like(text: str, language: str) -> bool:
    """Whether a headline is in title case (`Apple Shares Fall After Trump Threat`) or mostly in
    capitals: its capitals tell no names. (A paragraph in title case is a caption, a signature
    or a list of names: `Ceres Robotics, Palo Alto, California`; there, capitals are names.)"""
    words = [w.rstrip("'’.-") for w in _WORD.findall(text)]
    words = [w for w in words if w]
    if not words:
        return False
    shouted = sum(w.isupper() and len(w) > 1 for w in words)
    if len(words) >= 3 and shouted >= _SHOUTED_SHARE * len(words):
        return True
    stops = stop_words(base_language(language))
    lower = [w for w in words if w.islower() and len(w) >= 3 and w not in stops]
    return sum(w[:1].isupper() for w in words) >= _TITLE_CASE_MIN_WORDS and not lower


def shouted(text: str) -> bool:
    """Whether a segment is mostly in capitals."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    return len(words) >= 3 and sum(w.isupper() for w in words) >= _SHOUTED_SHARE * len(words)


@lru_cache(maxsize=16)
def stop_words(language: str) -> frozenset[str]:
    stops: list[str] = data()["stop"].get(language, [])
    return frozenset(stops)


def names_in_story(spans: list[Span], text: str, document: str, language: str) -> list[Span]:
    """The spans of `text` (one passage of `document`) that are names with the story in view."""
    if not document:
        return spans
    told = story(document, language)
    headline = document.split("\n", 1)[0]
    kept: list[Span] = []
    for line_start, line in _lines(text):
        on_line = [s for s in spans if line_start <= s.start < line_start + len(line) + 1]
        if (line == headline and headline_like(line, language)) or shouted(line):
            kept += [n for s in on_line for n in _headline_names(s, told)]
        else:
            kept += [n for s in on_line if (n := _opening_trimmed(s, text, told)) is not None]
    return kept


def acronyms_in_story(spans: list[Span], text: str, document: str, language: str) -> list[Span]:
    """Acronyms of `text`, less the words in capitals of shouted segments that are long or that
    the story's body does not have."""
    if not document:
        return spans
    body = story(document, language).body
    kept = []
    for line_start, line in _lines(text):
        on_line = [s for s in spans if line_start <= s.start < line_start + len(line) + 1]
        if shouted(line):
            on_line = [
                s
                for s in on_line
                if len(s.text) <= _SHOUTED_ACRONYM
                and re.search(rf"(?<!\w){re.escape(s.text)}(?!\w)", body)
            ]
        kept += on_line
    return kept


def _lines(text: str) -> list[tuple[int, str]]:
    found, offset = [], 0
    for line in text.split("\n"):
        found.append((offset, line))
        offset += len(line) + 1
    return found


def opens(text: str, start: int) -> bool:
    """Whether the word at `start` is a sentence's or a clause's first word."""
    before = text[:start].rstrip(" \t")
    if before.endswith(".") and ABBREVIATION.search(before):
        return False  # `Mr. Trump`, `Gov. Matt Bevin`
    return not before or before.endswith("\n") or before[-1] in _OPENS


def _known(word: str, told: Story) -> bool:
    """A word the story capitalises inside a sentence, an acronym, or a known place."""
    return (
        word in told.inside or (len(word) >= 2 and word.isupper()) or is_place(word, told.language)
    )


def _headline_names(span: Span, told: Story) -> list[Span]:
    """The parts of a headline's run the body writes as a name: the longest runs of two words
    or more that the body has, and single words the story knows as names."""
    words = list(re.finditer(r"\S+", span.text))
    found: list[Span] = []
    index = 0
    while index < len(words):
        for end in range(len(words), index, -1):
            start, stop = words[index].start(), words[end - 1].end()
            part = span.text[start:stop].rstrip(",;:'’")
            if end - index >= 2 and re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-])", told.body):
                found.append(Span(part, span.start + start, span.start + start + len(part)))
                index = end
                break
        else:
            word = words[index].group().rstrip(",;:'’")
            if word[:1].isupper() and _known(word, told):
                at = span.start + words[index].start()
                found.append(Span(word, at, at + len(word)))
            index += 1
    return found


def _opening_trimmed(span: Span, text: str, told: Story) -> Span | None:
    """The span, less a first word that only opens its sentence; None if nothing is left."""
    if not opens(text, span.start):
        return span
    first = re.match(r"\S+", span.text)
    if first is None:
        return None
    word = first.group()
    rest = span.text[first.end() :].lstrip()
    if not rest:
        return span if _known(word, told) else None
    common = word.lower() in stop_words(told.language) or word.lower() in told.lower
    if not common or _known(word, told):
        return span
    start = span.end - len(rest)
    return Span(rest, start, span.end)


def protected(text: str, document: str, language: str) -> list[Span]:
    """The names of a source passage that the translator would keep as written, where they
    are in the passage; a single word opening a sentence or a clause only if the story
    capitalises it elsewhere too."""
    if not document:
        return []
    reader, translators = _reader(document, language), _reader(document, language, True)
    told = story(document, language)
    found: list[Span] = []
    for line_start, line in _lines(text):
        offset = 0
        for sentence in sentences(line, language):
            at = line.find(sentence, offset)
            if at < 0:
                continue
            offset = at + len(sentence)
            read = reader.names(sentence)
            read += [
                n
                for n in translators.names(sentence)
                if all(n.end <= m.start or m.end <= n.start for m in read)
            ]
            found += [
                Span(n.text, line_start + at + n.start, line_start + at + n.end)
                for n in sorted(read, key=lambda n: n.start)
                # a first word after a dateline's dash is no name either (`BERLIN — Train`)
                if " " in n.text or not opens(line, at + n.start) or _known(n.text, told)
            ]
    return found


@lru_cache(maxsize=16)
def _reader(document: str, language: str, with_headline: bool = False) -> NameReader:
    """The story's reader; `with_headline`: the translator's own (`Translator`), which reads
    the first line as the headline and a title-case line of the body as the body's, so that the
    names it keeps in a list (`Bleacher Report, Uber Eats, and ParkMobile`) are names here too."""
    lines = [sentences(line, language) for line in document.split("\n")]
    flat = [s for line in lines for s in line]
    return NameReader(flat, language, headline=lines[0] if with_headline else None)
