"""Choices for the desk's pickers, with names instead of codes: languages by their own names
(Babel/CLDR), IPTC Media Topics by their English labels (the first two levels, grouped under
the top level), countries by their English names (CLDR territories with a two-letter code).

A value a form already holds that is not among the choices (a deeper topic set through the API,
say) is still offered, selected, so that saving a form never drops it."""

from __future__ import annotations

from functools import cache

from babel import Locale

from polywire.classify.vocabulary import load_vocabulary
from polywire.publish.feeds.catalog import language_name

Choice = tuple[str, str]


def languages(offered: list[str]) -> list[Choice]:
    return [(tag, language_name(tag)) for tag in offered]


@cache
def topic_groups() -> list[tuple[Choice, list[Choice]]]:
    """Each top-level Media Topic with the topics just under it, by label."""
    vocabulary = load_vocabulary()
    groups = []
    for top in vocabulary.top_level:
        concept = vocabulary.concepts[top]
        children = sorted(
            ((code, _capital(vocabulary.concepts[code].label())) for code in concept.narrower),
            key=lambda choice: choice[1].casefold(),
        )
        groups.append(((top, _capital(concept.label())), children))
    return sorted(groups, key=lambda group: group[0][1].casefold())


def _capital(label: str) -> str:
    """IPTC's labels are lower case ("economy, business and finance"); a picker starts each
    with a capital, as a list of names does."""
    return label[:1].upper() + label[1:]


@cache
def countries() -> list[Choice]:
    territories = Locale("en").territories
    found = [
        (code, name) for code, name in territories.items() if len(code) == 2 and code.isalpha()
    ]
    return sorted(found, key=lambda choice: choice[1].casefold())


def topic_code(value: str) -> str:
    """A topic as the pickers name it: `medtop:` and the number."""
    return value if value.startswith("medtop:") else f"medtop:{value}"


def unlisted(chosen: list[str], choices: list[Choice]) -> list[str]:
    known = {code for code, _ in choices}
    return [value for value in chosen if value not in known]


def unlisted_topics(chosen: list[str]) -> list[str]:
    known = {
        code for (top, _), children in topic_groups() for code in [top, *(c for c, _ in children)]
    }
    return [value for value in (topic_code(v) for v in chosen) if value not in known]
