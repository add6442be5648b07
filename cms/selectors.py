"""Reads of cms content that other parts of the site show: a product's articles, the article
feedback report, the article a question was promoted to.

The reads a page's own view needs live beside that page (catalogue.py, knowledge_base.py).
"""

from __future__ import annotations

from django.db.models import Count, F, Q, QuerySet

from .knowledge_base import ArticlePage, ArticleProvenance


def articles_for_product(*, product) -> list:
    """The live articles that name this product, for its product page (one query)."""
    return list(
        ArticlePage.objects.live()
        .filter(products=product)
        .select_related("category")
        .order_by("title")[:12]
    )


def article_feedback_report() -> QuerySet:
    """Every article with its yes/no counts, the least helpful first (editors' admin report)."""
    return (
        ArticlePage.objects.annotate(
            yes_count=Count("feedback", filter=Q(feedback__helpful=True)),
            no_count=Count("feedback", filter=Q(feedback__helpful=False)),
        )
        .filter(Q(yes_count__gt=0) | Q(no_count__gt=0))
        .order_by(F("no_count").desc(), "yes_count", "title")
    )


def promoted_article_for_question(*, question):
    """The live article promoted from one of the question's answers, or None (one query)."""
    provenance = (
        ArticleProvenance.objects.filter(question=question, article__live=True)
        .select_related("article")
        .order_by("created_at")
        .first()
    )
    return provenance.article if provenance else None
