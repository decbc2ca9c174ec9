"""Scraped text into units for the cleaner: lines, hard-wrapped paragraphs rejoined, markdown
marks (from tools like html2text) and text browsers' list marks and placeholders (lynx, w3m)
taken off.

Text browsers indent: lynx and w3m mark list items by depth (lynx `*`, `+`, `o`, `#`; w3m `•`,
`□`, `○`, `☆`) and start a link of a teaser rail deeper than the line above it. A line indented
deeper than where the text of the line above starts is therefore never that line's wrapped
continuation, and a lone `o` opens an item only on an indented line (elsewhere it is a word)."""

from __future__ import annotations

import re
from itertools import pairwise

from polywire.ingest.measure import normalise

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINE_MARKS = re.compile(r"^(?:#{1,6}\s+|>\s*|[*+•◦○□■▪☆]\s+|-\s+(?=\S))")
#: lynx's third-level item mark, only on an indented line.
_INDENTED_ITEM = re.compile(r"^\s{2,}o\s+(?=\S)")
#: lynx writes an image without alt text as its file name in brackets (`[photo.jpg?w=640]`) and
#: inserted text as `[INS: … :INS]` (an empty one is an advertising slot).
_IMAGE_NAME = re.compile(r"\[[^\s\[\]]+\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?[^\s\[\]]*)?\]", re.I)
_INSERTED = re.compile(r"\[INS:\s*(.*?)\s*:INS\]")
#: Where a raw line's text starts: its indentation and any list mark.
_TEXT_START = re.compile(r"^\s*(?:(?:[*+•◦○□■▪☆#o-]|\d{1,3}[.)])\s+)?")
#: `**bold**`, `__bold__`, `*italic*`, `_italic_`; a single mark only around whole words, so
#: `snake_case` and `2 * 3 * 4` keep theirs.
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])")
#: A line of marks only (`__`, `***`, a lone `•`): a rule, an emptied widget or list item.
_MARKS_ONLY = re.compile(r"^[\s*_\-=•◦○□■▪☆]+$")


def units(text: str) -> list[str]:
    """The non-empty lines of `text`, with the lines of a hard-wrapped paragraph joined."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        kept = [(line, _unmark(line)) for line in block.split("\n")]
        raw = [line for line, unmarked in kept if unmarked]
        lines = [unmarked for _, unmarked in kept if unmarked]
        if _hard_wrapped(lines) and _flush(raw) and not _repeated(lines):
            found.append(" ".join(lines))
        else:
            found.extend(lines)
    return found


def _flush(raw: list[str]) -> bool:
    """No line is indented deeper than where the text of the line above it starts."""
    return all(
        _indent(line) <= len(above) - len(_TEXT_START.sub("", above, count=1))
        for above, line in pairwise(raw)
    )


def _repeated(lines: list[str]) -> bool:
    """A line printed twice in a row: an image's alt text and title, as lynx and w3m show them."""
    return any(above == line for above, line in pairwise(lines))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _unmark(line: str) -> str:
    line = _INDENTED_ITEM.sub("", line)
    line = _INSERTED.sub(r"\1", _IMAGE_NAME.sub("", line))
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
