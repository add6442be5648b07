"""Fixtures for notification tests: posts made through the real services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.common.buying_phase import Phase
from forum import services as forum_services
from forum.models import Board
from qa import services as qa_services
from shop.models import Purchase


@pytest.fixture
def asker(user_factory):
    return user_factory(username="asker")


@pytest.fixture
def helper(user_factory):
    return user_factory(username="helper")


@pytest.fixture
def product(product_factory):
    return product_factory(title="Steel kettle")


@pytest.fixture
def ask(asker):
    def make(*, author=None, title="Does the kettle fit under a tap?", body="Curious.", **options):
        return qa_services.question_create(
            author=author or asker,
            title=title,
            body=body,
            phase=options.pop("phase", Phase.BEFORE_PURCHASE),
            **options,
        )

    return make


@pytest.fixture
def question(ask):
    return ask()


@pytest.fixture
def answer_to(helper):
    def make(question, *, author=None, body="Yes, easily."):
        return qa_services.answer_create(question=question, author=author or helper, body=body)

    return make


@pytest.fixture
def board(db):
    return Board.objects.create(name="Cooking", slug="cooking")


@pytest.fixture
def start_topic(board):
    def make(*, author, title="My new kettle", body="Look at it."):
        return forum_services.topic_create(board=board, author=author, title=title, body=body)

    return make


@pytest.fixture
def buyer_of(user_factory):
    """A member who received ``product`` (a verified buyer)."""

    def make(product, *, username=None, **fields):
        user = user_factory(username=username, **fields)
        Purchase.objects.create(
            order_id=f"O-{user.pk}",
            email=user.email,
            sku=product.sku,
            product=product,
            ordered_at=timezone.now() - timedelta(days=10),
            delivered_at=timezone.now() - timedelta(days=5),
        )
        return user

    return make
