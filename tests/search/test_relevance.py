"""Search quality on the demo content, held above the floor of the first honest run."""

from pathlib import Path

import pytest

from community.search.relevance import evaluate

RELEVANCE_SET = Path(__file__).with_name("relevance.json")
# First run (SQLite and PostgreSQL): recall@5 1.00, MRR 0.92. The floor leaves a little room.
RECALL_AT_5_FLOOR = 0.95
MRR_FLOOR = 0.85


@pytest.mark.slow
def test_the_relevance_set_has_at_least_40_queries():
    import json

    assert len(json.loads(RELEVANCE_SET.read_text(encoding="utf-8"))) >= 40


@pytest.mark.slow
def test_search_finds_what_customers_look_for_in_the_demo_content(demo_site):
    report = evaluate(RELEVANCE_SET)

    assert report.recall_at_5 >= RECALL_AT_5_FLOOR, report.misses
    assert report.mrr >= MRR_FLOOR, report.misses
