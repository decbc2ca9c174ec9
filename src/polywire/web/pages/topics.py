"""IPTC Media Topics named in the page's language, in every language the wire serves.

IPTC labels its topics in nine languages (Arabic, Danish, German, English, Spanish, French,
Portuguese, Swedish, simplified Chinese); the wire serves fifteen, and a Japanese or Thai page
showed its topics in English. A topic is named, the first that has a name winning:

1. IPTC's label in the page's language, its base language (`pt-BR` → `pt`) or the Chinese of
   its script (`zh`, `zh-CN` → `zh-Hans`);
2. the wire's own name for a top-level topic (all 17), in the page's message catalog under the
   context `IPTC Media Topic` (`web/locale/*/LC_MESSAGES/messages.po`), for the languages IPTC
   lacks (Indonesian, Japanese, Korean, Malay, Russian, Thai, Vietnamese, traditional Chinese);
3. for traditional Chinese, IPTC's simplified label written in traditional characters (OpenCC,
   as the classifier does for its traditional index);
4. a deeper topic none of these names is named by its nearest broader topic that has a name:
   a Japanese reader of a story about solar power sees 環境 rather than "solar energy" (the tag
   still leads to the stories of the deeper topic);
5. else the name the story carries (English).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import opencc

from polywire.classify.vocabulary import Concept, load_vocabulary
from polywire.domain import Subject
from polywire.language_tags import fallbacks
from polywire.web.pages.chrome import catalog_language, translations

#: The catalogs' context for the top-level topics' names (msgctxt)
CONTEXT = "IPTC Media Topic"


def topic_in(code: str, name: str, page_language: str) -> str:
    """The topic `code` named in `page_language` (see the module's order); `name` when
    nothing names it there."""
    vocabulary = load_vocabulary()
    if code not in vocabulary.concepts:
        return name
    for candidate in (code, *vocabulary.ancestors(code)):
        found = _named(vocabulary.concepts[candidate], page_language)
        if found:
            return found
    return name


def topic_tags(subjects: Iterable[Subject], page_language: str) -> list[tuple[str, str]]:
    """A story's topics as a page lists them: (code, name in the page's language), each name
    once (two deeper topics may both be named by their broader one)."""
    tags: dict[str, str] = {}
    for subject in subjects:
        tags.setdefault(topic_in(subject.code, subject.name, page_language), subject.code)
    return [(code, name) for name, code in tags.items()]


def _named(concept: Concept, language: str) -> str | None:
    catalog = catalog_language(language)
    for tag in dict.fromkeys((*fallbacks(language), catalog or "en")):
        labels = concept.labels.get(tag)
        if labels:
            return " ".join(labels[0].split())
    english = concept.label("en")
    own = translations(language).pgettext(CONTEXT, english)
    if catalog is not None and own != english:
        return str(own)
    simplified = concept.labels.get("zh-Hans")
    if catalog == "zh-Hant" and simplified:
        return _traditional(" ".join(simplified[0].split()))
    return None


def _traditional(text: str) -> str:
    return str(_s2t().convert(text))


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")
