"""Finding the names in a story's source text, so that no engine translates them as words.

Apertium translates `Trump` as `Triunfo`, `Musk` as `Almizcle` and `Navega Air` as `Navega Aire`:
to a dictionary, a capitalised word is a word. The translator masks what this module finds
(people, organisations, brands, tickers, products, places) like any protected term, and puts it
back afterwards, in the target's own form where it has one (`places`).

What counts as a name, in a language that capitalises names (a caseless source has none here):

- a run of capitalised words (`Taylor Swift`, `New York Stock Exchange`, `Navega Air`), joined by
  spaces, hyphens or a particle (`Bank of America`, `Banco de España`); titles in front are left
  to the engine (`President` in `President Donald Trump`), and so are a sentence's opening
  function words (`The`, `In`) and months and weekdays (CLDR's, in the source language);
- an acronym or ticker (`ASA`, `NYSE`, `U.S.`), a camel-cased product (`iPhone`);
- a single capitalised word inside a sentence (`Apple`, `Musk`), unless it is a month, a
  weekday, a language, a nationality, a title or a function word (`American`, `Spanish`), or the
  text also writes it in lower case and never as part of a longer name (`the Government` next
  to `the government`);
- a sentence's first word only when the story writes it as a name elsewhere (`Musk said …` after
  `Elon Musk`), when it is a known place, or when a name follows it (`Taylor Swift said`): an
  ordinary opening word (`Consumers`, `March`, `The`) stays translatable.

German capitalises every noun: there a single capitalised word is a name only where a
sentence's first word would be (`Die Regierung` keeps `Regierung` translatable).

A headline in title case (`Apple Shares Fall After Trump Threat`) is read like a sentence's
first word throughout: only the story's names, acronyms and places in it are names. A title-case
line of the body (a list of names, `Bob Marley, Bruno Mars, Drake`; a sub-heading) is no
headline: there a run of capitalised words is a name when one of its words is, by that same
evidence (the story writes it as a name in a sentence: `Bruno Mars` after `Mars said`).

A possessive's `'s` and a hyphenated lower-case tail (`London-based`) stay outside the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from babel import Locale

from polywire.domain import BadInput
from polywire.language_tags import base_language, locale_for
from polywire.translate.places import data, is_place

#: An initialism with dots (`U.S.`), or a word with inner apostrophes, hyphens, dots, `&`.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w&]|['’.-](?=[^\W_]))*")
_POSSESSIVE = re.compile(r"['’]s?$")
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu)['’](?=[^\W_])", re.IGNORECASE)
_LOWER_TAIL = re.compile(r"-[^\W\d_A-Z][^\W_]*$")
#: What ends a clause, so that the next word opens one like a sentence's first word.
_OPENERS = frozenset('.!?:;“"«„')
#: Languages that capitalise every noun: a capitalised word alone is no name there.
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
#: A segment with this many capitalised words and no lower-case word but function words is a
#: title-case headline: its capitals say nothing.
_TITLE_CASE_MIN_WORDS = 4
#: What a list's item may hold to be one name: no bracket, quote or other punctuation.
_NAME_GAPS = re.compile(r"[\w\s&'’.-]+")
#: What ends a list's label: a colon or a dash (`Path B: …`, `June 9 -- …`).
_LIST_LABEL = re.compile(r"(?::|\s(?:--|–|—))\s+")
#: A title-case line of the body with this many items separated as a list is a list of names.
_LIST_MIN_ITEMS = 3


@dataclass(frozen=True)
class Name:
    """A name in a sentence, as written, and where it is."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int
    opens: bool  # a sentence's or a clause's first word


@cache
def _locale(language: str) -> Locale | None:
    try:
        return locale_for(language)
    except BadInput:
        return None


@cache
def _common_words(language: str) -> frozenset[str]:
    """Capitalised words of `language` that are no names: CLDR months, weekdays and language
    names, and the maintained function words, titles and nationalities."""
    words = set(_calendar(language))
    locale = _locale(language)
    if locale is not None:
        words |= {str(n).lower() for n in locale.languages.values() if " " not in str(n)}
    lists = data()
    for key in ("stop", "titles", "demonyms"):
        words |= set(lists[key].get(language, []))
    return frozenset(words)


@cache
def _titles(language: str) -> frozenset[str]:
    return frozenset(data()["titles"].get(language, []))


@cache
def _calendar(language: str) -> frozenset[str]:
    """CLDR's months and weekdays of `language`, every width, in lower case."""
    words: set[str] = set()
    locale = _locale(language)
    if locale is not None:
        for table in (locale.months, locale.days):
            for context in table.values():
                for names in context.values():
                    words |= {str(n).lower().rstrip(".") for n in names.values()}
    return frozenset(words)


@cache
def _separators(language: str) -> re.Pattern[str]:
    """What separates a list's items in `language`, by CLDR's list patterns (`, `, `, and `,
    ` y `, ` ou `), and a semicolon."""
    found = {";"}
    locale = _locale(language)
    if locale is not None:
        for style in ("standard", "or"):
            for pattern in locale.list_patterns.get(style, {}).values():
                if "{0}" in pattern and "{1}" in pattern:
                    found.add(pattern.split("{0}", 1)[1].split("{1}", 1)[0])
    words = sorted((f.strip() for f in found if f.strip()), key=len, reverse=True)
    alternatives = [("(?<!\\w)" if w[0].isalnum() else "") + re.escape(w) for w in words]
    return re.compile(r"\s*(?:" + "|".join(alternatives) + r")(?=\s|$)\s*")


@cache
def _stops(language: str) -> frozenset[str]:
    return frozenset(data()["stop"].get(language, [])) | _calendar(language)


def _namey(word: str) -> bool:
    """Capitalised (`Musk`), an acronym (`ASA`), or camel-cased (`iPhone`, `eBay`)."""
    if word[:1].isupper():
        return True
    return len(word) >= 3 and word[:1].islower() and any(c.isupper() for c in word[1:])


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= len(letters) - 1


def _in_capitals(word: str) -> bool:
    """A word of two letters or more all in capitals (`ON`, `NY`), not `In`."""
    return len(word) >= 2 and word.isupper()


def _tokens(sentence: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(sentence):
        text, start = match.group(), match.start()
        if elided := _ELISION.match(text):
            text, start = text[elided.end() :], start + elided.end()
        text = _POSSESSIVE.sub("", text) if len(text) > 2 else text
        if (tail := _LOWER_TAIL.search(text)) and _namey(text):
            text = text[: tail.start()]
        before = sentence[: match.start()].rstrip()
        opens = not before or before[-1] in _OPENERS
        tokens.append(_Token(text, start, start + len(text), opens))
    return tokens


class NameReader:
    """Reads the names of one story's sentences; built once per story and source language,
    because a sentence's first word is a name only if the story writes it as one elsewhere."""

    def __init__(
        self, sentences: Iterable[str], language: str, *, headline: Iterable[str] | None = None
    ) -> None:
        """`headline`: the sentences of the story's headline, which may be in title case;
        None where the caller cannot tell it from the body (every title-case line is then read
        as a headline)."""
        self.language = base_language(language)
        self._headline = None if headline is None else frozenset(headline)
        self._common = _common_words(self.language)
        self._lower: set[str] = set()
        self._known: set[str] = set()
        self._strong: set[str] = set()
        #: Two or more words in a row of a name the story wrote (`Nordlys Therapeutics` of
        #: `Nordlys Therapeutics ASA`): what a title-case headline may hold of it.
        self._phrases: set[tuple[str, ...]] = set()
        texts = list(sentences)
        for text in texts:
            self._lower |= {t.text for t in _tokens(text) if t.text.islower()}
        for text in texts:
            tokens = _tokens(text)
            if not self._title_case(tokens):
                for name in self._read(text, learning=True):
                    self._learn(name.text)
            elif self._headline is not None and text not in self._headline:
                # a list's items are names wherever the story writes them (`… Amphitheater at
                # Virginia Beach, Virginia Beach, VA`)
                for run in self._listed(text, tokens):
                    self._learn(text[run[0].start : run[-1].end])

    def _learn(self, name: str) -> None:
        words = name.split()
        self._known |= {name, words[-1]}
        if len(words) > 1:
            self._strong |= set(words)
            self._phrases |= {
                tuple(words[i:j]) for i in range(len(words)) for j in range(i + 2, len(words) + 1)
            }

    def names(self, sentence: str) -> list[Name]:
        """The names in one sentence, in order, not overlapping."""
        return self._read(sentence, learning=False)

    def _title_case(self, tokens: list[_Token]) -> bool:
        """A headline that capitalises every word, or shouts: no word of it is in lower case
        but function words (`of`, `to`)."""
        words = [t.text for t in tokens if t.text[:1].isalpha()]
        stops = _stops(self.language)
        lower = [w for w in words if w.islower() and len(w) >= 3 and w not in stops]
        capitals = sum(w[:1].isupper() for w in words)
        return capitals >= _TITLE_CASE_MIN_WORDS and not lower

    def _read(self, sentence: str, *, learning: bool) -> list[Name]:
        tokens = _tokens(sentence)
        if not any(_namey(t.text) for t in tokens):
            return []
        if self._title_case(tokens):
            if learning:
                return []
            if self._headline is None or sentence in self._headline:
                return self._headline_names(sentence, tokens)
            return self._title_case_line(sentence, tokens)
        found: list[Name] = []
        for run in self._runs(sentence, [t for t in tokens if _namey(t.text)]):
            run = self._trim(run)
            if run and self._is_name(run, learning=learning):
                found.append(self._name(sentence, run))
        return found

    def _headline_names(self, sentence: str, tokens: list[_Token]) -> list[Name]:
        """A title-case headline's names: the story's longest names first, then single words
        that are names wherever they stand."""
        shouting = all(t.text.isupper() for t in tokens if t.text[:1].isalpha())
        runs: list[list[_Token]] = []
        index = 0
        while index < len(tokens):
            end = next(
                (
                    end
                    for end in range(len(tokens), index + 1, -1)
                    if tuple(t.text for t in tokens[index:end]) in self._phrases
                ),
                None,
            )
            if end is not None:
                runs.append(tokens[index:end])
                index = end
                continue
            if self._opening_name(tokens[index].text, shouting=shouting):
                runs.append([tokens[index]])
            index += 1
        return [self._name(sentence, run) for run in runs]

    def _title_case_line(self, sentence: str, tokens: list[_Token]) -> list[Name]:
        """A title-case line of the body's names: its runs of capitalised words that hold a
        word the story writes as a name elsewhere (or a place, an acronym, a product's). Its
        function words and the words the story writes in lower case (`And`, `Were`) are no part
        of a name, since title case capitalises them all."""
        ordinary = self._common | self._lower
        listed = self._listed(sentence, tokens)
        taken = {t.start for run in listed for t in run}
        words = [
            t
            for t in tokens
            if _namey(t.text) and t.text.lower() not in ordinary and t.start not in taken
        ]
        found = [self._name(sentence, run) for run in listed]
        for run in self._runs(sentence, words):
            run = self._trim(run)
            if any(t.text in self._strong or self._opening_name(t.text) for t in run):
                found.append(self._name(sentence, run))
        return sorted(found, key=lambda n: n.start)

    def _listed(self, sentence: str, tokens: list[_Token]) -> list[list[_Token]]:
        """The items of a title-case line that lists three things or more (`Bleacher Report,
        Uber Eats, and ParkMobile`), each all capitalised words once its function words are
        off its ends (`A:`, `The`): a list in capitals is a list of names, of which the story
        need not know one. An item with a word in lower case (`Tie between Istanbul`) or a
        bracket is left to the line's other rule. What a line's first colon or dash follows is
        its label, no item (`Path B: Bosnia, Slovakia, Northern Ireland`, `June 9 -- Coral Sky
        Amphitheatre, West Palm Beach, FL`)."""
        label = _LIST_LABEL.search(sentence)
        separators = _separators(self.language).finditer(sentence, label.end() if label else 0)
        bounds = [label.end() if label else 0, *(i for m in separators for i in m.span())]
        bounds.append(len(sentence))
        items = [
            [t for t in tokens if start <= t.start and t.end <= end]
            for start, end in zip(bounds[::2], bounds[1::2], strict=True)
        ]
        items = [trimmed for item in items if (trimmed := self._function_words_off(item))]
        if len(items) < _LIST_MIN_ITEMS:
            return []
        return [
            item
            for item in items
            if all(_namey(t.text) or t.text in data()["joiners"] for t in item)
            and any(
                t.text.lower() not in self._common | self._lower or _in_capitals(t.text)
                for t in item
            )
            and _NAME_GAPS.fullmatch(sentence[item[0].start : item[-1].end])
        ]

    def _function_words_off(self, item: list[_Token]) -> list[_Token]:
        """The item less the function words at its ends (`A`, `The`), not an acronym in
        capitals that spells one (`Toronto, ON`)."""
        stops = _stops(self.language)
        while item and item[0].text.lower() in stops and not _in_capitals(item[0].text):
            item = item[1:]
        while item and item[-1].text.lower() in stops and not _in_capitals(item[-1].text):
            item = item[:-1]
        return item

    def _runs(self, sentence: str, tokens: list[_Token]) -> list[list[_Token]]:
        """Group name-like tokens that stand next to each other, or around a particle."""
        runs: list[list[_Token]] = []
        for token in tokens:
            if runs and not token.opens and self._joins(sentence[runs[-1][-1].end : token.start]):
                runs[-1].append(token)
            else:
                runs.append([token])
        return runs

    def _joins(self, gap: str) -> bool:
        words = gap.split()
        if gap in ("", "-") or (gap.isspace() and len(gap) == 1):
            return True
        return len(words) == 1 and gap == f" {words[0]} " and words[0] in data()["joiners"]

    def _trim(self, run: list[_Token]) -> list[_Token]:
        """Drop leading months and weekdays (`am Montag Olaf Scholz`), a sentence's opening
        function words (`The`), trailing function words, and any titles up to
        the last one (`Foreign Minister Annalena Baerbock` → `Annalena Baerbock`)."""
        stops, titles = _stops(self.language), _titles(self.language)
        calendar, function = _calendar(self.language), data()["stop"].get(self.language, [])
        while run and (
            run[0].text.lower() in calendar
            or (run[0].text.lower() in stops and (run[0].opens or len(run) == 1))
        ):
            run = run[1:]
        while run and run[-1].text.lower() in function:
            run = run[:-1]
        last_title = max(
            (i for i, t in enumerate(run) if t.text.lower().rstrip(".") in titles), default=-1
        )
        if 0 <= last_title < len(run) - 1:
            run = run[last_title + 1 :]
        return run

    def _is_name(self, run: list[_Token], *, learning: bool) -> bool:
        if len(run) > 1:
            return True
        token = run[0]
        if token.opens or self.language in _NOUNS_CAPITALISED:
            return not learning and self._opening_name(token.text)
        word = token.text
        if _acronym(word):
            return True
        if len(word) < 2 or word.lower() in self._common:
            return False
        return word.lower() not in self._lower or word in self._strong

    def _opening_name(self, word: str, *, shouting: bool = False) -> bool:
        """Whether a word where any word may be capitalised is a name: the story's, a place's,
        an acronym (not in a headline in capitals), a product's (`iPhone`, `Coca-Cola`)."""
        if word in self._known or is_place(word, self.language):
            return True
        if word.lower() in self._common or len(word) < 2 or shouting:
            return False
        compound = "-" in word and all(part[:1].isupper() for part in word.split("-"))
        return _acronym(word) or compound or (word[:1].islower() and _namey(word))

    @staticmethod
    def _name(sentence: str, run: list[_Token]) -> Name:
        start, end = run[0].start, run[-1].end
        return Name(sentence[start:end], start, end)
