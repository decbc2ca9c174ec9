"""The currencies the source names are the translation's: `$39,014` is not `€39,014`, and `the
rupiah held steady against the dollar` is not `… frente al euro`.

The currencies of both sides are read by `check.currencies` (an amount's unit, or a currency's
name anywhere in the sentence, by family: `dollar`, `euro`, `rupiah`) and counted as multisets:
each source mention takes a translation mention of its family (and of its currency, where both
name it in full: `Australian dollar` is not `dólar estadounidense`). A source mention left without
one is major when the translation has, in its place, a currency mention the source's are left
without (spans on both); or when the translation names no currency of its family anywhere, even
in words read only leniently (a currency dropped); or, for a word of the source that may be
something else (`the stronger yen`, `won`), when the translation names another currency for sure
once more than the source does (`el yuan más fuerte`). A repetition the translation leaves out
(`the dollar … per dollar` as `el dólar … por unidad`) is not reported when nothing stands in its
place, as a repeated number is not.
"""

from __future__ import annotations

from polywire.check.currencies import (
    CurrencyMention,
    find_currencies,
    find_doubtful,
    named_families,
)
from polywire.check.model import Issue, Pair, Severity
from polywire.check.text import excerpt, fold
from polywire.language_tags import locale_for
from polywire.settings.check import CheckSettings

__all__ = ["check_currency"]


def check_currency(pair: Pair, settings: CheckSettings) -> list[Issue]:
    wanted = find_currencies(pair.source, pair.source_language)
    present = find_currencies(pair.target, pair.target_language)
    short, extra = _unmatched(wanted, present)
    if not short:
        return _in_place_of_doubtful(pair, extra)
    named = named_families(pair.target, pair.target_language)
    source, target = fold(pair.source), fold(pair.target)
    issues = []
    reported: set[frozenset[str]] = set()
    for mention in short:
        if mention.families in reported:
            continue
        other = next((m for m in extra if not _same(m, mention)), None)
        if other is not None:
            extra.remove(other)
            reported.add(mention.families)
            issues.append(_in_its_place(source, target, mention, other))
        elif not mention.families & named:
            reported.add(mention.families)
            issues.append(
                Issue(
                    "currency",
                    Severity.MAJOR,
                    excerpt(source, mention.start, mention.end),
                    excerpt(target),
                    f"The source names {_name(mention)} ({mention.text}); the translation names "
                    "no such currency.",
                    source_span=(mention.start, mention.end),
                )
            )
    return issues


def _in_place_of_doubtful(pair: Pair, extra: list[CurrencyMention]) -> list[Issue]:
    """A currency the translation names for sure once more than the source does, while the
    source has a word that may be another currency (`the stronger yen` as `el yuan más fuerte`,
    `the peso … per dollar` as `el dólar … por dólar`): the translation's currency stands in the
    word's place. The source's word alone is too doubtful to ask for (`won` may be the verb)."""
    if not extra:
        return []
    doubtful = find_doubtful(pair.source, pair.source_language)
    for mention in extra:
        other = next((d for d in doubtful if not _same(d, mention)), None)
        if other is not None:
            return [_in_its_place(fold(pair.source), fold(pair.target), other, mention)]
    return []


def _unmatched(
    wanted: list[CurrencyMention], present: list[CurrencyMention]
) -> tuple[list[CurrencyMention], list[CurrencyMention]]:
    """The source mentions no translation mention of their family is left for, and the
    translation mentions left over. Mentions that may mean fewer families (`dólares`, not `$`)
    take theirs first."""
    unused = list(present)
    short = []
    for mention in sorted(wanted, key=lambda m: (len(m.families), m.start)):
        match = min(
            (m for m in unused if _same(m, mention)),
            key=lambda m: len(m.families),
            default=None,
        )
        if match is None:
            short.append(mention)
        else:
            unused.remove(match)
    return sorted(short, key=lambda m: m.start), unused


def _same(one: CurrencyMention, other: CurrencyMention) -> bool:
    """Whether two mentions may be one currency: one family, and one code where both name it
    in full (`dólar canadiense` is not `US dollar`)."""
    if not one.families & other.families:
        return False
    return not (one.codes and other.codes) or bool(one.codes & other.codes)


def _name(mention: CurrencyMention) -> str:
    english = locale_for("en").currencies
    if mention.codes:
        return " or ".join(sorted(english.get(code, code) for code in mention.codes))
    return " or ".join(sorted(mention.families))


def _in_its_place(
    source: str, target: str, said: CurrencyMention, written: CurrencyMention
) -> Issue:
    """The major finding of a translation that writes `written` where the source says `said`."""
    return Issue(
        "currency",
        Severity.MAJOR,
        excerpt(source, said.start, said.end),
        excerpt(target, written.start, written.end),
        f"The source names {_name(said)} ({said.text}); the translation says "
        f"{written.text} ({_name(written)}) in its place.",
        source_span=(said.start, said.end),
        target_span=(written.start, written.end),
    )
