import pytest
from django.test import Client
from taggit.models import Tag

from qa import services
from qa.enums import Phase


@pytest.fixture
def question_factory(user_factory):
    def make(
        *,
        author=None,
        title=None,
        body="Some details about it.",
        product=None,
        phase=Phase.BEFORE_PURCHASE,
        tags=(),
        answers=0,
    ):
        author = author or user_factory()
        question = services.question_create(
            author=author,
            title=title or f"Does this work with the other thing, number {author.pk}?",
            body=body,
            phase=phase,
            product=product,
            tags=list(tags),
        )
        for _ in range(answers):
            services.answer_create(
                question=question, author=user_factory(), body="Yes, it works well for me."
            )
        question.refresh_from_db()
        return question

    return make


@pytest.fixture
def answer_factory(user_factory):
    def make(*, question, author=None, body="In my experience it fits fine."):
        return services.answer_create(question=question, author=author or user_factory(), body=body)

    return make


@pytest.fixture
def tags(db):
    return [
        Tag.objects.create(name=name, slug=name.lower())
        for name in ("Sizing", "Cleaning", "Warranty")
    ]


@pytest.fixture
def anonymous():
    """A second browser that never signs in (``client`` is the signed-in one in most tests)."""
    return Client()
