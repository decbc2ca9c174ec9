"""An extraction as a reader reads it: headline, subheadline, byline, date, dateline and body,
notices."""

from __future__ import annotations

from polywire.domain import Extraction


def reader_text(extraction: Extraction) -> str:
    """The clean story as plain text, paragraphs separated by blank lines."""
    head = [extraction.headline]
    if extraction.subheadline:
        head.append(extraction.subheadline)
    if extraction.byline:
        head.append(f"By {extraction.byline}")
    if extraction.date:
        head.append(extraction.date)
    blocks = ["\n".join(head), *body_with_dateline(extraction)]
    if extraction.credit:
        blocks.append(extraction.credit)
    blocks.extend(extraction.notices)
    if extraction.sectors:
        blocks.append("Sectors: " + ", ".join(extraction.sectors))
    return "\n\n".join(blocks) + "\n"


def body_with_dateline(extraction: Extraction) -> list[str]:
    """The body paragraphs with the dateline back at the head of the first."""
    body = list(extraction.body)
    dateline = extraction.dateline
    if body and dateline is not None:
        opening = (
            f"{dateline.place} ({dateline.source}) —"
            if dateline.place
            else (f"({dateline.source}) —")
        )
        body[0] = f"{opening} {body[0]}"
    return body
