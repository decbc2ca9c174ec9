"""Raw bytes to text: size bound, empty and binary input refused, encoding detected.

What cannot be decoded becomes U+FFFD, never a crash and never a lone surrogate: a UTF-16 file
with half a pair, or an encoding the detector picks (UTF-7, say) that decodes to surrogates, loses
that character and keeps the story (see `polywire.surrogates`).
"""

from __future__ import annotations

from charset_normalizer import from_bytes

from polywire.domain import BadInput
from polywire.surrogates import clean_text

#: The largest input extraction accepts: a news page is well under 5 MB; a bigger one is refused
#: before any parsing, which bounds the extractor's time and memory.
MAX_INPUT_BYTES = 20 * 1024 * 1024


def decode(data: bytes, source: str, *, limit: int = MAX_INPUT_BYTES) -> str:
    """The text of `data`, or `BadInput` naming `source` and the problem."""
    if len(data) > limit:
        raise BadInput(source, f"input is {len(data)} bytes, more than {limit}", status=413)
    if not data.strip():
        raise BadInput(source, "input is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_bom(data, source)
    if b"\x00" in data[:8192]:
        raise BadInput(source, "input is binary, not text, HTML or ninjs")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise BadInput(source, "input is binary or in an unknown text encoding") from None
        return clean_text(str(best))


def _decode_bom(data: bytes, source: str) -> str:
    if len(data) % 2:
        raise BadInput(source, "input has a UTF-16 mark but an odd number of bytes")
    return data.decode("utf-16", "replace")
