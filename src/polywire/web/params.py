"""Integer parameters of the API, bounded to what the store can look up.

A number past 2**63 reached the SQLite driver and raised OverflowError (a 500); bounded here,
it is a 422 problem naming the parameter before anything runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

#: More rows than any listing will skip.
MAX_OFFSET = 1_000_000_000
#: More versions than any story will have.
MAX_VERSION = 1_000_000
#: The largest row id the store's integer keys hold (a signed 64-bit integer).
MAX_ROW_ID = 2**63 - 1

Offset = Annotated[
    int, Query(ge=0, le=MAX_OFFSET, description="how many to skip (for the next page)")
]
VersionNumber = Annotated[
    int | None, Query(ge=1, le=MAX_VERSION, description="the latest version if absent")
]
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
