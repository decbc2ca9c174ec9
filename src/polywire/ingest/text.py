"""Scraped text into units for the cleaner: lines, hard-wrapped paragraphs rejoined, markdown
marks (from tools like html2text) taken off."""

from __future__ import annotations

import re

from polywire.ingest.measure import normalise

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINE_MARKS = re.compile(r"^(?:#{1,6}\s+|>\s*|[*+•]\s+|-\s+(?=\S))")
#: `**bold**`, `__bold__`, `*italic*`, `_italic_`; a single mark only around whole words, so
#: `snake_case` and `2 * 3 * 4` keep theirs.
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])")
#: A line of marks only (`__`, `***`): a rule or an emptied widget.
_MARKS_ONLY = re.compile(r"^[\s*_\-=]+$")


def units(text: str) -> list[str]:
    """The non-empty lines of `text`, with the lines of a hard-wrapped paragraph joined."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [_unmark(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if _hard_wrapped(lines):
            found.append(" ".join(lines))
        else:
            found.extend(lines)
    return found


def _unmark(line: str) -> str:
    line = _MARKDOWN_IMAGE.sub("", line)
    line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _EMPHASIS.sub(lambda match: match.group(2) or match.group(4), line)
    if _MARKS_ONLY.match(line):
        return ""
    return normalise(_LINE_MARKS.sub("", line.strip()))


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph wrapped at a fixed width: all but the last nearly as long as the
    longest, and none but the last ends a sentence."""
    if len(lines) < 2:
        return False
    longest = max(len(line) for line in lines)
    if longest < 50:
        return False
    return all(len(line) >= 0.75 * longest for line in lines[:-1]) and not any(
        line.rstrip().endswith((".", "!", "?", "。")) and len(line) < 0.9 * longest
        for line in lines[:-1]
    )
