"""Search quality on the demo content, in English and Dutch, held at the targets of the
search issue: what a customer needs is among the first three results nearly always."""

import json
from pathlib import Path

import pytest

from community.search.relevance import evaluate

RELEVANCE_SET = Path(__file__).with_name("relevance.json")
RECALL_AT_3_FLOOR = 0.95
MRR_FLOOR = 0.90


@pytest.mark.slow
def test_the_relevance_set_has_at_least_100_queries():
    assert len(json.loads(RELEVANCE_SET.read_text(encoding="utf-8"))) >= 100


@pytest.mark.slow
def test_search_finds_what_customers_look_for_in_the_demo_content(demo_site):
    report = evaluate(RELEVANCE_SET)

    assert report.recall_at_3 >= RECALL_AT_3_FLOOR, report.misses
    assert report.mrr >= MRR_FLOOR, report.misses
