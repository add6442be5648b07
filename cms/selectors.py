"""Reads of cms content that other parts of the site show: a product's articles, the article
feedback report, the article a question was promoted to, and what the public API lists
(products by SKU, articles by product and section).

The reads a page's own view needs live beside that page (catalogue.py, knowledge_base.py).
"""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length, Substr

from .catalogue import ProductPage
from .knowledge_base import ArticlePage, ArticleProvenance, KnowledgeBaseSectionPage


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


def public_product_by_sku(sku: str) -> ProductPage | None:
    """The live product page with this SKU that the public may see, or None (one query)."""
    return ProductPage.objects.live().public().filter(sku=sku).select_related("category").first()


def public_articles(*, product=None, layer: str = "") -> QuerySet:
    """Live public articles, optionally only those naming ``product`` or only those in the
    section of ``layer``; each with ``section_layer``, the layer of the section it is in (its
    parent page), and its category joined. Newest review first, then by title."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - ArticlePage.steplen)
    articles = (
        ArticlePage.objects.live()
        .public()
        .select_related("category")
        .annotate(
            section_layer=Subquery(
                KnowledgeBaseSectionPage.objects.filter(path=parent_path).values("layer")[:1]
            )
        )
        .order_by(F("last_reviewed").desc(nulls_last=True), "title", "pk")
    )
    if product is not None:
        articles = articles.filter(products=product)
    if layer:
        articles = articles.filter(section_layer=layer)
    return articles
