"""Same story, new version: a resubmitted story with small edits is recognised by its text.

Each story's latest version leaves a MinHash signature (datasketch, 64 permutations) of the word
3-gram shingles of its headline and body; in scripts written without spaces (Chinese, Japanese,
Thai …) characters stand in for words. A new submission's signature is looked up in an LSH index
of the publisher's stories updated within `same_story_window_hours`, and the candidate with the
highest estimated Jaccard similarity at or above `same_story_threshold` (default 0.5) is the story
it updates.

Why 0.5: on the tests' stories, a corrected figure or an added sentence keeps an estimated
0.92-0.95 of the shingles, while another story on the same subject from the same agency shares
0.08 (tests/ingest/test_same_story.py). Shorter stories change more per edit, so the threshold
sits well below the edited-story range rather than just under it.

How the wire uses it, in the transaction that stores a submission:

    recognised = find_same_story(conn, publisher, extraction, now=now, settings=s)
    ...store a new story, or a new version of recognised.story_id (and say so, with the score)...
    remember(conn, story_id, publisher, extraction, now=now)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from sqlalchemy import Connection

from polywire.domain import Extraction
from polywire.settings.ingest import IngestSettings
from polywire.store.fingerprints import recent_signatures, save_signature

if TYPE_CHECKING:
    # datasketch imports scipy (for MinHashLSH's parameters): a second of start-up, paid only
    # by a submission, never by a process that merely imports the wire
    from datasketch import MinHash

NUM_PERM = 64
#: Signatures are stored, so the permutation scheme is fixed (datasketch 2's default, affine32).
SCHEME: Literal["affine32"] = "affine32"
_SEED = 1
_WORDS = re.compile(r"\w+")
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]")


def shingles(extraction: Extraction) -> set[str]:
    """Word 3-grams of the headline and body (characters for scripts without spaces)."""
    tokens: list[str] = []
    for word in _WORDS.findall(" ".join([extraction.headline, *extraction.body]).lower()):
        tokens.extend(word if _UNSPACED.search(word) else [word])
    if len(tokens) < 3:
        return {" ".join(tokens)}
    return {" ".join(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


def signature(extraction: Extraction) -> list[int]:
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME)
    minhash.update_batch([shingle.encode() for shingle in shingles(extraction)])
    return [int(value) for value in minhash.hashvalues]


def minhash_of(values: list[int]) -> MinHash:
    """A stored signature as a datasketch MinHash."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashvalues=values, scheme=SCHEME)


@dataclass(frozen=True)
class Recognised:
    """The story a submission is a new version of, and the estimated Jaccard similarity."""

    story_id: str
    score: float


def find_same_story(
    conn: Connection,
    publisher: str,
    extraction: Extraction,
    *,
    now: datetime,
    settings: IngestSettings,
) -> Recognised | None:
    """The publisher's recent story that `extraction` is a new version of, if any."""
    since = now - timedelta(hours=settings.same_story_window_hours)
    known = recent_signatures(conn, publisher, since)
    if not known:
        return None
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=settings.same_story_threshold, num_perm=NUM_PERM)
    minhashes = {}
    for story_id, values in known:
        minhashes[story_id] = minhash_of(values)
        index.insert(story_id, minhashes[story_id])
    query = minhash_of(signature(extraction))
    scored = [(query.jaccard(minhashes[story_id]), story_id) for story_id in index.query(query)]
    scored = [
        (score, story_id) for score, story_id in scored if score >= settings.same_story_threshold
    ]
    if not scored:
        return None
    score, story_id = max(scored)
    return Recognised(story_id, round(float(score), 2))


def remember(
    conn: Connection, story_id: str, publisher: str, extraction: Extraction, *, now: datetime
) -> None:
    """Keep the signature of a story's latest version for later submissions to be matched."""
    save_signature(conn, story_id, publisher, signature(extraction), now)
