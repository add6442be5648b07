"""Reads of cms content that other parts of the site show: a product's articles, the article
feedback report, the article a question was promoted to, the drafts on the editors'
dashboard, and what the public API lists (products by SKU, articles by product and section).

The reads a page's own view needs live beside that page (catalogue.py, knowledge_base.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Length, Substr
from django.utils.translation import get_language
from wagtail.models import Page, WorkflowState

from .catalogue import ProductPage
from .knowledge_base import ArticlePage, ArticleProvenance, KnowledgeBaseSectionPage


def articles_for_product(*, product, shown: int = 12) -> list:
    """The live articles that name this product, for its product page (one query): each in
    the active language where it is translated (a translation names the same products), else
    in its original language."""
    language = get_language() or settings.LANGUAGE_CODE
    chosen: dict = {}
    articles = (
        ArticlePage.objects.live()
        .filter(products=product)
        .select_related("category", "locale")
        .order_by("title")
    )
    for article in articles[: shown * len(settings.LANGUAGES)]:
        held = chosen.get(article.translation_key)
        if held is None or _fits_better(article, held, language):
            chosen[article.translation_key] = article
    return sorted(chosen.values(), key=lambda article: article.title)[:shown]


def _fits_better(article, held, language: str) -> bool:
    """The reader's language first, then the original (default) language."""

    def rank(page):
        code = page.locale.language_code
        return 0 if language.startswith(code) else 1 if code == settings.LANGUAGE_CODE else 2

    return rank(article) < rank(held)


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


def knowledge_base_drafts(*, limit: int = 10) -> list[ArticlePage]:
    """Articles with changes nobody submitted for review yet, promoted answers first, then the
    most recently edited (the editors' dashboard; one query). Those in review are on Wagtail's
    own "Awaiting your review" panel."""
    in_review = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return list(
        ArticlePage.objects.filter(has_unpublished_changes=True)
        .annotate(
            in_review=Exists(in_review),
            promoted=Exists(ArticleProvenance.objects.filter(article=OuterRef("pk"))),
        )
        .filter(in_review=False)
        .select_related("provenance")
        .order_by(F("promoted").desc(), F("latest_revision_created_at").desc(nulls_last=True))[
            :limit
        ]
    )


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
