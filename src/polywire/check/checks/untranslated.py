"""A paragraph of the translation is in the target language, not left as the source wrote it.

Language identification is py3langid's model, restricted to the two languages of the pair: the
question is only which of the two a paragraph is written in, which even short paragraphs answer.
It is asked of the paragraph's common words: names, handles, links and numbers are written alike
in both, and a paragraph of nothing else (a credit, a dateline) is not judged; left exactly as
the source wrote it, such a paragraph (`Blue Origin, Kent, Washington`, a title in title case) is
a minor finding, for an editor to look at, not a major one.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from polywire.check.model import Issue, Pair, Severity
from polywire.check.text import excerpt
from polywire.language_tags import base_language, language_name
from polywire.settings.check import CheckSettings

_CONFIDENCE = 0.9
_NAME_LIKE = re.compile(r"[\W_]*(?:[A-ZÀ-ÖØ-Þ]|@|#|https?:|www\.|\d)")
#: A link written without its scheme (`pic.twitter.com/PQqbN51wBW`, `example.org`).
_LINK = re.compile(r"\S*[^\W_]\.[^\W\d_]{2,}(?:/\S*)?[.,;:!?)»”'\"]*")
#: Languages so close that a sentence may be good in both (Malay `Pekerja kereta api di Jerman`
#: is Indonesian too): only a paragraph left identical is judged.
_CLOSE = [
    {"ms", "id"},
    {"hr", "sr"},
    {"hr", "bs"},
    {"sr", "bs"},
    {"cs", "sk"},
    {"da", "nb"},
    {"da", "no"},
    {"nb", "nn"},
    {"no", "nn"},
]


def check_untranslated(pair: Pair, settings: CheckSettings) -> list[Issue]:
    letters = sum(char.isalpha() for char in pair.target)
    if letters < settings.untranslated_min_letters:
        return []
    source_language = base_language(pair.source_language)
    target_language = base_language(pair.target_language)
    name = language_name(pair.source_language)
    if source_language == target_language:
        return []  # a regional variant (`pt` → `pt-BR`): the same words may be right
    words = _common_words(pair.target)
    names_only = sum(char.isalpha() for char in words) < settings.untranslated_min_letters
    if " ".join(pair.source.split()) == " ".join(pair.target.split()):
        if names_only:  # `Blue Origin, Kent, Washington`: may need no translation at all
            message = "The paragraph is left as the source wrote it: names and numbers only?"
            return [_issue(pair, message, Severity.MINOR)]
        return [_issue(pair, f"The paragraph is left as the source wrote it, in {name}.")]
    if {source_language, target_language} in _CLOSE or names_only:
        return []  # names, handles and dates only are written alike in both
    if source_probability(words, source_language, target_language) >= _CONFIDENCE:
        return [_issue(pair, f"The paragraph is still in {name}: it was not translated.")]
    return []


def _common_words(text: str) -> str:
    """The text without what any language writes alike: capitalised words (names), handles,
    links and numbers."""
    return " ".join(w for w in text.split() if not _NAME_LIKE.match(w) and not _LINK.fullmatch(w))


def _issue(pair: Pair, message: str, severity: Severity = Severity.MAJOR) -> Issue:
    return Issue("untranslated", severity, excerpt(pair.source), excerpt(pair.target), message)


def source_probability(text: str, source: str, target: str) -> float:
    """How likely `text` is in `source` rather than in `target` (0.5 when the model lacks one).

    Restricting a naive Bayes model to two classes keeps their scores: the probability is the
    logistic of the difference of the two log scores."""
    identifier = _identifier()
    scores = dict(identifier.rank(text))
    if source not in scores or target not in scores:
        return 0.5
    difference = max(-50.0, min(50.0, float(scores[target] - scores[source])))
    return 1 / (1 + math.exp(difference))


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
