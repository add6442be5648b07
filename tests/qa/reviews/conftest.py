"""Fixtures for review tests: products, purchases that make verified buyers, and reviews."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from qa import services
from shop.models import Purchase
from tests.cms.factories import make_product

_orders = itertools.count(1)


@pytest.fixture
def product(db):
    _page_tree_ensure()
    return make_product(title="Cast-iron skillet", sku="SKILLET-28", brand="Ferro")


def _page_tree_ensure() -> None:
    """The home page and site that migrations make: tests on a real transaction (threads)
    start from an emptied database, without them."""
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    if Site.objects.exists():
        return
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


@pytest.fixture
def purchase_factory(db):
    """A shop purchase of ``product`` by ``email``; delivered ``delivered_days_ago`` days ago
    (None: not delivered yet)."""

    def make(*, email: str, product, delivered_days_ago: float | None = 10) -> Purchase:
        now = timezone.now()
        delivered_at = None
        if delivered_days_ago is not None:
            delivered_at = now - timedelta(days=delivered_days_ago)
        return Purchase.objects.create(
            order_id=f"ORDER-{next(_orders):05d}",
            email=email.lower(),
            sku=product.sku,
            product=product,
            ordered_at=now - timedelta(days=(delivered_days_ago or 0) + 3),
            delivered_at=delivered_at,
        )

    return make


@pytest.fixture
def buyer_factory(user_factory, purchase_factory):
    """A member who bought and received ``product``."""

    def make(*, product, delivered_days_ago: float | None = 10, **fields):
        user = user_factory(**fields)
        purchase_factory(email=user.email, product=product, delivered_days_ago=delivered_days_ago)
        return user

    return make


@pytest.fixture
def buyer(buyer_factory, product):
    return buyer_factory(product=product, username="anna")


@pytest.fixture
def review_factory(buyer_factory):
    """A published review of ``product`` by a new verified buyer (or by ``author``)."""

    def make(
        *,
        product,
        author=None,
        rating: int = 4,
        title: str = "Heats evenly",
        body: str = "I use it every day; it heats evenly and cleans up well.",
        pros: str = "",
        cons: str = "",
        photos=(),
    ):
        author = author or buyer_factory(product=product)
        return services.review_create(
            author=author,
            product=product,
            rating=rating,
            title=title,
            body=body,
            pros=pros,
            cons=cons,
            photos=photos,
        )

    return make


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
