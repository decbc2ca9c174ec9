"""A publisher's glossary: terms kept as written, or rendered one fixed way per language.

Terms come from two places: the settings (`[translate.glossaries.<publisher>]`, for an operator)
and the store (managed by the publisher from the API, the CLI and the desk). The translator
applies both, the store's rendering winning for a term both name (`for_publisher`); the check
enforces them: a term in the source whose rendering (or, kept, the term itself) is missing from
the translation is a major finding. The check reads the glossary of the story it checks from
`active` (a context variable set by `applied`: around the check stage by its wrapper,
`glossary_scope.GlossaryScope`, and around the check of an editor's translation), because a
check sees two texts, not whose they are.

Input rules (`parse_term`): a term is one line of at most 200 characters; it is either kept
(`keep: true`) or has translations, an object of BCP 47 tags (the wire's spelling is stored) to
non-empty one-line renderings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import Connection

from polywire.domain import BadInput, Forbidden
from polywire.language_tags import language_tag
from polywire.settings.translate import Glossary
from polywire.store import glossary as store
from polywire.store.glossary import Term

MAX_TERM = 200

#: The glossary of the story being checked (empty outside a check of a story).
active: ContextVar[Glossary] = ContextVar("glossary", default=Glossary())  # noqa: B039


def parse_term(term: str, body: object) -> Term:
    """A term from the API's or the desk's input; `BadInput` naming the field that is wrong."""
    name = _one_line(term, "term")
    if not isinstance(body, Mapping):
        raise BadInput("body", "expected an object with keep or translations")
    unknown = set(body) - {"keep", "translations", "term"}
    if unknown:
        raise BadInput(sorted(unknown)[0], "not a field of a glossary term (keep, translations)")
    keep = body.get("keep", False)
    if not isinstance(keep, bool):
        raise BadInput("keep", "expected true or false")
    raw = body.get("translations") or {}
    if not isinstance(raw, Mapping):
        raise BadInput("translations", "expected an object of language tag → rendering")
    translations: dict[str, str] = {}
    for tag, rendering in raw.items():
        language = language_tag(str(tag), source="translations")
        if not isinstance(rendering, str):
            raise BadInput(f"translations.{tag}", "expected text")
        translations[language] = _one_line(rendering, f"translations.{tag}")
    if keep == bool(translations):
        raise BadInput(
            "translations",
            "give either keep: true (never translated) or a rendering per language, not both",
        )
    return Term(name, keep, translations)


def _one_line(value: str, field: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise BadInput(field, "empty")
    if len(text) > MAX_TERM:
        raise BadInput(field, f"longer than {MAX_TERM} characters")
    return text


def whose(bound: str | None, asked: str | None, default: str) -> str:
    """The publisher whose glossary is read or edited by a principal `bound` to a publisher
    (or to none) that `asked` for one (or did not)."""
    if bound is not None and asked not in (None, bound):
        raise Forbidden(f"publisher {asked!r}: a {bound!r} token edits only its own glossary")
    return bound or asked or default


def merged(settings: Glossary | None, terms: list[Term]) -> Glossary:
    """The settings' glossary with the store's terms over it."""
    base = settings or Glossary()
    keep = [t for t in base.keep if t not in {term.term for term in terms}]
    fixed = {t: dict(by) for t, by in base.fixed.items()}
    for term in terms:
        fixed.pop(term.term, None)
        if term.keep:
            keep.append(term.term)
        else:
            fixed[term.term] = dict(term.translations)
    return Glossary(keep=keep, fixed=fixed)


def for_publisher(conn: Connection, publisher: str, settings: Glossary | None) -> Glossary:
    """What the translator applies and the check enforces for `publisher`."""
    return merged(settings, store.list_terms(conn, publisher))


def rendering(glossary: Glossary, term: str, *languages: str) -> str | None:
    """The fixed rendering of `term` in the first of `languages` the glossary has one for."""
    by_language = glossary.fixed.get(term, {})
    return next((by_language[lang] for lang in languages if lang in by_language), None)


@contextmanager
def applied(glossary: Glossary) -> Iterator[None]:
    """Checks run inside enforce `glossary` (`active`)."""
    token = active.set(glossary)
    try:
        yield
    finally:
        active.reset(token)
