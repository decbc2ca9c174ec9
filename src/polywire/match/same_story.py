"""Is one story a translation or rewrite of another, in any two languages?

Only evidence that survives translation is weighed: the numbers (read in each language's own
notation, scale words included), the weekdays and months (CLDR names), the names and acronyms
(as written, transliterated, or as CLDR place names) and the paragraph structure. Two stories on
the same topic in the same week share a place, a company, a year; a translation shares nearly all
of its figures and names. The score is a weighted mean of how much of each kind of evidence the
two stories share, both ways; stories far apart in time are never the same story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from polywire.check.calendar_names import find_calendar, names_of
from polywire.check.model import Text
from polywire.check.names import acronyms, found_in, names
from polywire.check.numbers import available_values, find_numbers

#: Weights of the kinds of evidence; a kind neither story has is left out of the mean.
WEIGHTS = {"numbers": 0.5, "names": 0.25, "dates": 0.1, "paragraphs": 0.15}
THRESHOLD = 0.6
WINDOW = timedelta(days=3)


@dataclass(frozen=True)
class SameStory:
    """The `polywire match --json` contract."""

    same_story: bool
    score: float
    evidence: list[str]

    def to_json(self) -> dict[str, object]:
        return {"same_story": self.same_story, "score": self.score, "evidence": self.evidence}


def match_stories(
    a: Text,
    b: Text,
    *,
    a_time: datetime | None = None,
    b_time: datetime | None = None,
    window: timedelta = WINDOW,
    threshold: float = THRESHOLD,
) -> SameStory:
    """Whether `b` tells the story `a` tells (a translation or a rewrite of it)."""
    evidence: list[str] = []
    if a_time is not None and b_time is not None and abs(a_time - b_time) > window:
        hours = abs(a_time - b_time).total_seconds() / 3600
        return SameStory(False, 0.0, [f"{hours:.0f} hours apart, more than the {window} window"])
    a_body, b_body = _body(a), _body(b)
    parts: dict[str, float] = {}
    numbers = _shared_numbers(a_body, a.language, b_body, b.language)
    if numbers is not None:
        parts["numbers"], line = numbers
        evidence.append(line)
    shared_names = _shared_names(a_body, a.language, b_body, b.language)
    if shared_names is not None:
        parts["names"], line = shared_names
        evidence.append(line)
    dates = _shared_dates(a_body, a.language, b_body, b.language)
    if dates is not None:
        parts["dates"], line = dates
        evidence.append(line)
    longer = max(len(a.paragraphs), len(b.paragraphs)) or 1
    parts["paragraphs"] = min(len(a.paragraphs), len(b.paragraphs)) / longer
    evidence.append(f"paragraphs: {len(a.paragraphs)} and {len(b.paragraphs)}")
    total = sum(WEIGHTS[kind] for kind in parts)
    score = round(sum(WEIGHTS[kind] * value for kind, value in parts.items()) / total, 3)
    # the shape of a story alone proves nothing: what it says (numbers, names, dates) must agree
    content = {kind: value for kind, value in parts.items() if kind != "paragraphs"}
    if not content:
        evidence.append("no numbers, names or dates to compare")
        return SameStory(False, score, evidence)
    said = sum(WEIGHTS[kind] * value for kind, value in content.items())
    agrees = said / sum(WEIGHTS[kind] for kind in content) >= threshold
    return SameStory(score >= threshold and agrees, score, evidence)


def _body(text: Text) -> str:
    return "\n".join([text.headline, *text.paragraphs])


def _coverage(found: int, total: int) -> float:
    return found / total if total else 1.0


def _shared_numbers(a: str, a_lang: str, b: str, b_lang: str) -> tuple[float, str] | None:
    a_numbers = {min(m.values): m.text for m in find_numbers(a, a_lang)}
    b_numbers = {min(m.values): m.text for m in find_numbers(b, b_lang)}
    if not a_numbers and not b_numbers:
        return None
    a_values, b_values = available_values(a, a_lang), available_values(b, b_lang)
    a_found = [text for value, text in a_numbers.items() if value in b_values]
    b_found = sum(value in a_values for value in b_numbers)
    score = (_coverage(len(a_found), len(a_numbers)) + _coverage(b_found, len(b_numbers))) / 2
    shown = ", ".join(a_found[:6]) or "none"
    return score, f"numbers: {len(a_found)} of {len(a_numbers)} shared ({shown})"


def _shared_names(a: str, a_lang: str, b: str, b_lang: str) -> tuple[float, str] | None:
    a_names = _name_words(a, a_lang)
    b_names = _name_words(b, b_lang)
    if not a_names and not b_names:
        return None
    a_found = [n for n in a_names if found_in(n, b, b_lang, a_lang)]
    b_found = [n for n in b_names if found_in(n, a, a_lang, b_lang)]
    if not a_names or not b_names:
        # names in one script only: what one side has and the other lacks still counts
        score = _coverage(len(a_found) + len(b_found), len(a_names) + len(b_names))
    else:
        score = (_coverage(len(a_found), len(a_names)) + _coverage(len(b_found), len(b_names))) / 2
    shown = ", ".join(a_found[:6]) or "none"
    return score, f"names and acronyms: {len(a_found)} of {len(a_names)} shared ({shown})"


def _name_words(text: str, language: str) -> list[str]:
    """Acronyms and the longer words of names, paragraph by paragraph (each has its dateline),
    weekday and month names left to `_shared_dates`."""
    words: set[str] = set()
    for paragraph in text.split("\n"):
        calendar = find_calendar(paragraph, language)
        words |= {a.text for a in acronyms(paragraph)}
        for span in names(paragraph, language):
            if not any(m.start < span.end and span.start < m.end for m in calendar):
                words |= {w for w in span.text.replace("-", " ").split() if len(w) > 3}
    return sorted(words)


def _shared_dates(a: str, a_lang: str, b: str, b_lang: str) -> tuple[float, str] | None:
    a_dates = {(m.kind, m.index) for m in find_calendar(a, a_lang)}
    b_dates = {(m.kind, m.index) for m in find_calendar(b, b_lang)}
    if not a_dates and not b_dates:
        return None
    shared = a_dates & b_dates
    shown = ", ".join(names_of("en", kind, index) for kind, index in sorted(shared)) or "none"
    return len(shared) / len(a_dates | b_dates), f"weekdays and months shared: {shown}"


__all__ = ["THRESHOLD", "WINDOW", "SameStory", "match_stories"]
