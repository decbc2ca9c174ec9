"""The publisher's glossary is followed: a term in the source comes back as its fixed rendering
in the target language, or, kept, as itself (`Navega Air` is never `Navega Aire`).

The glossary is the story's publisher's (`polywire.glossary.active`, set by the check stage's
wrapper; empty elsewhere). A term counts in the source as written, as a whole word; its
rendering counts in the translation in any case (a sentence may open with it). A term without a
rendering for the target language (and not kept) is not judged. A missing rendering is major:
the publisher said how the term must read.
"""

from __future__ import annotations

import re

from polywire.check.model import Issue, Pair, Severity
from polywire.glossary import active, rendering
from polywire.language_tags import base_language
from polywire.settings.check import CheckSettings


def check_glossary(pair: Pair, settings: CheckSettings) -> list[Issue]:
    glossary = active.get()
    languages = (pair.target_language, base_language(pair.target_language))
    wanted = [(term, term) for term in glossary.keep]
    wanted += [
        (term, found) for term in glossary.fixed if (found := rendering(glossary, term, *languages))
    ]
    issues = []
    for term, expected in wanted:
        if not _contains(pair.source, term, re.NOFLAG):
            continue
        if not _contains(pair.target, expected, re.IGNORECASE):
            issues.append(
                Issue(
                    check="glossary",
                    severity=Severity.MAJOR,
                    source=term,
                    target="",
                    message=(
                        f"The glossary keeps {term!r} as written"
                        if term == expected
                        else f"The glossary says {term!r} is {expected!r} in {pair.target_language}"
                    )
                    + ", and the translation does not have it.",
                )
            )
    return issues


def _contains(text: str, term: str, flags: re.RegexFlag) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags) is not None
