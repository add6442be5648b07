"""Fixtures for review tests (``product``, ``purchase_factory``, ``buyer_factory`` and
``review_factory`` are shared, in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def buyer(buyer_factory, product):
    return buyer_factory(product=product, username="anna")


def review_form(**overrides) -> dict:
    """What a customer types into the review form."""
    fields = {
        "rating": "4",
        "title": "Heats evenly, heavy to lift",
        "body": "I have used it every day for a month. It heats evenly and sears well.",
        "pros": "Even heat\nSears well",
        "cons": "Heavy",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def queries_of(client):
    """How many queries a second request for ``url`` makes (the first one warms the caches
    that the site header and the page tree keep), to compare a page with and without items
    however the shared header changes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    return count
