"""Measures search quality against a relevance set: recall@3 (an expected item among the first
three results, what a customer reads without scrolling) and mean reciprocal rank.

A relevance set is a JSON list of {"query": ..., "expected": [item, ...]}, an item being
{"type": "question"|"topic", "title": ...} or {"type": "article"|"faq"|"product", "slug": ...};
a query a member reading the site in Dutch types says so ("language": "nl"; English when
left out), and is searched as from the Dutch site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import translation

from . import selectors

CUT_OFF = 3


@dataclass
class RelevanceReport:
    recall_at_3: float
    mrr: float
    misses: list[tuple[str, int | None]] = field(default_factory=list)  # (query, rank or None)
    queries: int = 0


def _matches(hit: selectors.SearchHit, item: dict) -> bool:
    if hit.kind != item["type"]:
        return False
    if "slug" in item:
        return getattr(hit.obj, "slug", None) == item["slug"]
    return hit.obj.title == item["title"]


def evaluate(path: Path) -> RelevanceReport:
    cases = json.loads(Path(path).read_text(encoding="utf-8"))
    found = 0
    reciprocal_ranks = 0.0
    misses = []
    for case in cases:
        with translation.override(case.get("language", "en")):
            hits = selectors.search_everything(case["query"]).hits
        rank = next(
            (
                position
                for position, hit in enumerate(hits, start=1)
                if any(_matches(hit, item) for item in case["expected"])
            ),
            None,
        )
        if rank is not None:
            reciprocal_ranks += 1 / rank
        if rank is not None and rank <= CUT_OFF:
            found += 1
        if rank != 1:
            misses.append((case["query"], rank))
    total = len(cases) or 1
    return RelevanceReport(
        recall_at_3=found / total, mrr=reciprocal_ranks / total, misses=misses, queries=len(cases)
    )
