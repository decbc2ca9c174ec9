"""A dateline keeps the date it printed: `LISBON, Dec 7 (Polywire) -` is LISBON on December 7."""

from __future__ import annotations

import pytest

from polywire.ingest import extract

TEXT = (
    "{dateline} The port authority said on Monday that container traffic rose by a fifth in the "
    "year to November, the fastest growth among the region's ports.\n"
)


@pytest.mark.parametrize(
    ("dateline", "place", "date"),
    [
        ("LISBON, Dec 7 (Polywire) -", "LISBON", "--12-07"),
        ("MADRID, 12 de mayo de 2026 /PRNewswire/ --", "MADRID", "2026-05-12"),
        ("МОСКВА, 8 мая. /ТАСС/.", "МОСКВА", "--05-08"),
        ("МОСКВА, 8 мая — РИА Новости.", "МОСКВА", "--05-08"),
        ("新华社北京5月8日电", "北京", "--05-08"),
        ("LISBON (Polywire) -", "LISBON", None),
    ],
)
def test_the_dateline_date_is_kept(dateline: str, place: str, date: str | None) -> None:
    text = "Port traffic rises by a fifth\n\n" + TEXT.format(dateline=dateline)
    result = extract(text.encode(), source="dated.txt").to_json()
    assert result["dateline"]["place"] == place
    assert result["dateline"].get("date") == date
    assert result["body"][0].startswith("The port authority")
