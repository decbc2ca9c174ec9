"""A story's version history as the desk shows it: each version, newest first, with when it was
made, its correction line (what the correction corrects) or its withdrawal, and what changed
from the version before as a word-level diff of headline, subheadline and paragraphs. And an
embargo's time left, written as the page's script counts it down (`countdown`).

The diff is difflib's: paragraphs are matched first, then the words of a changed paragraph, so
a correction of one figure shows as that figure struck and replaced, not as a rewritten
paragraph. Text is escaped; only the `<del>`/`<ins>` marks are markup.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup, escape

from polywire.domain import Pubstatus, Version

_WORDS = re.compile(r"\S+|\s+")


@dataclass
class Entry:
    version: int
    made: datetime
    headline: str
    correction: str | None
    withdrawn: bool
    changes: list[Markup]  # one marked paragraph per changed one; empty for the first version


def history(versions: list[Version]) -> list[Entry]:
    """The entries of a story's versions (given oldest first), newest first."""
    entries: list[Entry] = []
    before: list[str] | None = None
    for version in versions:
        # The subheadline between them, as the release prints it; "" holds its place in a
        # version without one, so that one added or taken out shows as inserted or struck.
        now = [version.headline, version.subheadline or "", *version.body]
        entries.append(
            Entry(
                version.version,
                version.versioncreated,
                version.headline,
                version.correction_reason,
                version.pubstatus == Pubstatus.CANCELED,
                [] if before is None else changed_paragraphs(before, now),
            )
        )
        before = now
    return entries[::-1]


def changed_paragraphs(before: list[str], after: list[str]) -> list[Markup]:
    """Each paragraph that differs, marked: removed text in `<del>`, added text in `<ins>`."""
    marked: list[Markup] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = before[a1:a2], after[b1:b2]
        for index in range(max(len(old), len(new))):
            marked.append(
                _words(
                    old[index] if index < len(old) else "", new[index] if index < len(new) else ""
                )
            )
    return marked


def _words(old: str, new: str) -> Markup:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(str(escape("".join(a[a1:a2]))))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(a[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(b[b1:b2]))}</ins>")
    return Markup("".join(parts))


def countdown(left: timedelta) -> str:
    """Time left as the desk writes it ("2 d 3 h 4 min 5 s"), the same as the page's script."""
    seconds = max(0, int(left.total_seconds()))
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    parts = [f"{days} d"] if days else []
    if days or hours:
        parts.append(f"{hours} h")
    if days or hours or minutes:
        parts.append(f"{minutes} min")
    parts.append(f"{seconds} s")
    return " ".join(parts)
