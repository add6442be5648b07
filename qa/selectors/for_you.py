"""What the home page shows a signed-in member of Q&A: new answers to their questions, and new
questions about products they bought and received (where their experience helps)."""

from __future__ import annotations

from django.db.models import QuerySet

from cms.translation import title_in_reader_language
from community.moderation.enums import ContentStatus
from shop.selectors import products_bought_by

from ..models import Answer, Question

FOR_YOU_LIMIT = 5


def answers_to_questions_of(*, user, limit: int = FOR_YOU_LIMIT) -> list[Answer]:
    """The newest public answers others gave to the member's public questions (one query)."""
    return list(
        Answer.objects.filter(
            question__author=user,
            status=ContentStatus.PUBLISHED,
            question__status=ContentStatus.PUBLISHED,
        )
        .exclude(author=user)
        .select_related("question", "author")
        .order_by("-created_at", "-pk")[:limit]
    )


def questions_on_products_bought_by(*, user, limit: int = FOR_YOU_LIMIT) -> list[Question]:
    """The newest public questions of others about products the member received (two queries
    at most: their products, then the questions)."""
    products = products_bought_by(user=user)
    if not products:
        return []
    questions: QuerySet[Question] = (
        Question.objects.filter(product_id__in=products, status=ContentStatus.PUBLISHED)
        .exclude(author=user)
        .select_related("product")
        .annotate(product_title=title_in_reader_language("product"))
        .order_by("-created_at", "-pk")
    )
    return list(questions[:limit])
