"""A transparent lexical model of the IPTC Media Topics, built from the vocabulary itself.

Nothing is trained and nothing is downloaded: every concept becomes a small weighted "document" of
index terms in each language the vocabulary has — its label (weight 3) and definition (weight 1) —
plus polywire's own news words for the top-level topics (`data/topic_terms.json`, weight 2),
which also cover the target languages the vocabulary lacks. Chinese in traditional script is
derived from the simplified labels with OpenCC. A story is scored against each concept by the
cosine of TF-IDF vectors (IDF over the concepts of the story's language); a concept lends half of
its score to its parent, so deep evidence counts for the top-level topics. Every score keeps the
story's words behind it, which are shown as evidence.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from importlib.resources import files

import opencc

from polywire.classify import text as tokenizer
from polywire.classify.text import Token, term_counts, tokenize
from polywire.classify.vocabulary import Vocabulary
from polywire.derived import kept, source_of
from polywire.language_tags import written_language

LABEL_WEIGHT = 3.0
DEFINITION_WEIGHT = 1.0
NEWS_TERM_WEIGHT = 2.0
HEADLINE_WEIGHT = 3
PARENT_SHARE = 0.5
#: A concept matched only through words of its definition (none of its label or news words)
#: counts this much, and only with at least two different words: definitions are full of words
#: ("minutes", "without") that say little on their own.
DEFINITION_ONLY_FACTOR = 0.25
#: A word found under this many of the 17 top-level topics says nothing about the topic.
SPREAD_STOP = 10


Weights = defaultdict[str, float]


@dataclass
class ConceptScore:
    """How strongly a story evokes one concept, and the story's words behind it."""

    code: str
    direct: float
    total: float = 0.0
    evidence: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))


@dataclass
class LanguageIndex:
    """Unit-length TF-IDF vectors of the concepts in one language, as postings per term."""

    language: str
    idf: dict[str, float]
    postings: dict[str, list[tuple[str, float, bool]]]
    stop: frozenset[str] = frozenset()

    @property
    def rare_idf(self) -> float:
        """The weight of a word the vocabulary never uses (as rare as its rarest word)."""
        return max(self.idf.values(), default=1.0)

    def query_vector(self, counts: Counter[str]) -> dict[str, float]:
        vector = {
            term: (1.0 + math.log(count)) * self.idf[term]
            for term, count in counts.items()
            if term in self.idf
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {term: value / norm for term, value in vector.items()}


def _news_terms() -> dict[str, dict[str, list[str]]]:
    resource = files("polywire.classify").joinpath("data", "topic_terms.json")
    document = json.loads(resource.read_text(encoding="utf-8"))
    return {
        code: {lang: [t.strip() for t in text.split(";") if t.strip()] for lang, text in by.items()}
        for code, by in document.items()
        if code.startswith("medtop:")
    }


def _function_words(language: str) -> set[str]:
    resource = files("polywire.classify").joinpath("data", "function_words.json")
    words = json.loads(resource.read_text(encoding="utf-8")).get(language, "")
    return {token.term for token in tokenize(words, language)}


def _concept_documents(
    vocabulary: Vocabulary, language: str
) -> tuple[dict[str, Weights], dict[str, set[str]]]:
    """Weighted term counts of every concept that has text in `language`, and the terms of its
    label and news words (its strong terms)."""
    source = "zh-Hans" if language == "zh-Hant" else language
    convert = _to_traditional if language == "zh-Hant" else (lambda text: text)
    news = _news_terms()
    documents: dict[str, Weights] = {}
    strong: dict[str, set[str]] = defaultdict(set)
    for code, concept in vocabulary.concepts.items():
        weighted: Weights = defaultdict(float)
        for text in concept.labels.get(source, []):
            for term, count in term_counts(tokenize(convert(text), language)).items():
                weighted[term] += LABEL_WEIGHT * count
                strong[code].add(term)
        for text in concept.definitions.get(source, []):
            for term, count in term_counts(tokenize(convert(text), language)).items():
                weighted[term] += DEFINITION_WEIGHT * count
        for text in news.get(code, {}).get(source, []):
            for term in {t.term for t in tokenize(convert(text), language)}:
                weighted[term] += NEWS_TERM_WEIGHT
                strong[code].add(term)
        if weighted:
            documents[code] = weighted
    return documents, strong


def _to_traditional(text: str) -> str:
    return str(_opencc_s2t().convert(text))


@cache
def _opencc_s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _stop_terms(vocabulary: Vocabulary, documents: dict[str, Weights], language: str) -> set[str]:
    spread: dict[str, set[str]] = defaultdict(set)
    for code, weighted in documents.items():
        tops = vocabulary.top_of(code)
        for term in weighted:
            spread[term].update(tops)
    widespread = {term for term, tops in spread.items() if len(tops) >= SPREAD_STOP}
    return widespread | _function_words(language)


def build_index(vocabulary: Vocabulary, language: str) -> LanguageIndex:
    documents, strong = _concept_documents(vocabulary, language)
    stop = _stop_terms(vocabulary, documents, language)
    documents = {
        code: defaultdict(float, {t: w for t, w in weighted.items() if t not in stop})
        for code, weighted in documents.items()
    }
    documents = {code: weighted for code, weighted in documents.items() if weighted}
    document_frequency: Counter[str] = Counter()
    for weighted in documents.values():
        document_frequency.update(weighted.keys())
    n = len(documents)
    idf = {term: math.log(1.0 + n / df) for term, df in document_frequency.items()}
    postings: dict[str, list[tuple[str, float, bool]]] = defaultdict(list)
    for code, weighted in documents.items():
        vector = {term: (1.0 + math.log(w)) * idf[term] for term, w in weighted.items() if w > 0}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        for term, value in vector.items():
            postings[term].append((code, value / norm, term in strong[code]))
    return LanguageIndex(language=language, idf=idf, postings=dict(postings), stop=frozenset(stop))


class TopicModel:
    """Scores stories against the vocabulary; one index per language, built on first use."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._indexes: dict[str, LanguageIndex] = {}
        self._depth_order = sorted(
            vocabulary.concepts, key=lambda code: len(vocabulary.ancestors(code)), reverse=True
        )

    def index(self, language: str) -> LanguageIndex:
        language = written_language(language)
        if language not in self._indexes:
            self._indexes[language] = self._build(language)
        return self._indexes[language]

    def _build(self, language: str) -> LanguageIndex:
        """The index of `language`; kept (see `polywire.derived`) for the shipped vocabulary."""
        if self.vocabulary.kept_as is None:
            return build_index(self.vocabulary, language)
        data = files("polywire.classify").joinpath("data")
        inputs = (
            self.vocabulary.kept_as,
            source_of(__file__),
            source_of(tokenizer.__file__),
            data.joinpath("topic_terms.json").read_bytes(),
            data.joinpath("function_words.json").read_bytes(),
            version("snowballstemmer"),
            version("opencc"),
        )
        return kept(
            f"topic-index-{language}", lambda: build_index(self.vocabulary, language), inputs=inputs
        )

    def story_tokens(self, headline: str, body: list[str], language: str) -> list[Token]:
        """The story's tokens, the headline counted `HEADLINE_WEIGHT` times."""
        head = tokenize(headline, language)
        return head * HEADLINE_WEIGHT + tokenize("\n".join(body), language)

    def score(self, tokens: list[Token], language: str) -> dict[str, ConceptScore]:
        """Every concept the story evokes: its own score and the one its subtree adds up to."""
        index = self.index(language)
        query = index.query_vector(term_counts(tokens))
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for token in tokens:
            surfaces[token.term][token.surface.casefold()] += 1
        matched: dict[str, ConceptScore] = {}
        strong_hits: Counter[str] = Counter()
        for term, weight in query.items():
            surface = surfaces[term].most_common(1)[0][0]
            for code, concept_weight, is_strong in index.postings.get(term, ()):
                contribution = weight * concept_weight
                found = matched.setdefault(code, ConceptScore(code, 0.0))
                found.direct += contribution
                found.evidence[surface] += contribution
                strong_hits[code] += is_strong
        scores: dict[str, ConceptScore] = {}
        for code, found in matched.items():
            if not strong_hits[code]:
                if len(found.evidence) < 2:
                    continue
                found.direct *= DEFINITION_ONLY_FACTOR
                for word in found.evidence:
                    found.evidence[word] *= DEFINITION_ONLY_FACTOR
            scores[code] = found
        for code in self._depth_order:
            if code not in scores:
                continue
            found = scores[code]
            found.total += found.direct
            for parent in self.vocabulary.concepts[code].broader:
                above = scores.setdefault(parent, ConceptScore(parent, 0.0))
                above.total += PARENT_SHARE * found.total
                for word, amount in found.evidence.items():
                    above.evidence[word] += PARENT_SHARE * amount
        return scores
