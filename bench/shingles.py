"""The article-extraction benchmark's metric, written afresh from its description.

Both texts are split into `\\w+` tokens and then into word 4-grams ("shingles"); per document the
overlap gives true positives, the extra predicted shingles false positives and the missed ones
false negatives. Precision is the mean of per-document precisions (documents with a prediction),
recall the mean of per-document recalls (documents with a truth), and F1 their harmonic mean, as in
scrapinghub/article-extraction-benchmark's evaluate.py.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


@dataclass
class Score:
    precision: float
    recall: float
    f1: float


def score(truths: list[str], predictions: list[str]) -> Score:
    precisions: list[float] = []
    recalls: list[float] = []
    for truth, prediction in zip(truths, predictions, strict=True):
        expected, found = shingles(truth), shingles(prediction)
        tp = sum((expected & found).values())
        fp = sum((found - expected).values())
        fn = sum((expected - found).values())
        if fp == fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def load_pages(dataset: Path, limit: int | None = None) -> list[tuple[str, bytes, str]]:
    """(id, HTML bytes, true body) for each page of the benchmark, in id order."""
    truth = json.loads((dataset / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        html = gzip.decompress((dataset / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, html, str(truth[page_id].get("articleBody") or "")))
    return pages
