"""Two publishers' stories the doors-agree tests submit: acme's and globex's, each naming only
its own company, so that what one publisher's door shows of the other's is plain to see."""

from __future__ import annotations

ACME_STORY = (
    b"Acme opens a bicycle plant in Leeds\n\nLEEDS (Acme) - Acme Ltd opened a bicycle plant in "
    b"Leeds on Monday, creating 300 jobs.\n\nThe plant will build 20,000 bicycles a year."
)
GLOBEX_STORY = (
    b"Globex buys a shipyard in Gdansk\n\nGDANSK (Globex) - Globex Corp bought a shipyard in "
    b"Gdansk on Tuesday for 80 million euros, keeping its 1,200 workers.\n\nThe yard builds "
    b"ferries and tugs, the company said."
)
