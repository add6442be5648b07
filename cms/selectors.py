"""Reads for the product pages, with their joins and prefetches already right."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from wagtail.images import get_image_model

from .models import ProductCategory, ProductIndexPage, ProductPage

# The renditions the product list shows; prefetched so each card costs no extra query.
PRODUCT_CARD_IMAGE = "fill-480x360"


def product_list(*, index: ProductIndexPage, category: ProductCategory | None = None) -> QuerySet:
    """The live products under an index, optionally of one category, in name order."""
    products = (
        ProductPage.objects.live()
        .child_of(index)
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "image",
                queryset=get_image_model().objects.prefetch_renditions(PRODUCT_CARD_IMAGE),
            )
        )
        .order_by("title", "pk")
    )
    if category is not None:
        products = products.filter(category=category)
    return products


def product_categories_for_index(*, index: ProductIndexPage) -> QuerySet[ProductCategory]:
    """Every category, each with `product_count`: its live products under the index."""
    live_here = Q(
        products__live=True,
        products__path__startswith=index.path,
        products__depth=index.depth + 1,
    )
    # Meta.ordering does not apply to aggregating queries, so it is spelled out.
    return ProductCategory.objects.annotate(
        product_count=Count("products", filter=live_here)
    ).order_by("sort_order", "name")


def product_index_live() -> ProductIndexPage | None:
    """The site's product index, if it exists and is published."""
    return ProductIndexPage.objects.live().order_by("path").first()


# The knowledge base: each listing in a bounded number of queries, whatever its length.


def kb_sections_with_latest(*, index, per_section: int) -> list:
    """The index's live sections, each with `latest` (its newest articles) and `article_count`."""
    from django.db.models import F, OuterRef, Subquery, Window
    from django.db.models.functions import Coalesce, RowNumber, Substr

    from .knowledge_base import ArticlePage, KnowledgeBaseSectionPage

    live_articles = ArticlePage.objects.live()
    counts = (
        live_articles.filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by()
        .values("depth")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sections = list(
        KnowledgeBaseSectionPage.objects.live()
        .child_of(index)
        .annotate(article_count=Coalesce(Subquery(counts), 0))
        .order_by("path")
    )
    section_path_length = (index.depth + 1) * KnowledgeBaseSectionPage.steplen
    ranked = (
        live_articles.descendant_of(index)
        .annotate(
            section_path=Substr("path", 1, section_path_length),
            rank=Window(
                RowNumber(),
                partition_by=[Substr("path", 1, section_path_length)],
                order_by=[F("first_published_at").desc(nulls_last=True), F("pk").desc()],
            ),
        )
        .filter(rank__lte=per_section)
        .select_related("category")
    )
    latest: dict[str, list] = {}
    for article in ranked:
        latest.setdefault(article.section_path, []).append(article)
    for section in sections:
        section.latest = latest.get(section.path, [])
    return sections


def kb_faq_pages(*, parent) -> list:
    from .knowledge_base import FAQPage

    return list(FAQPage.objects.live().child_of(parent).order_by("path"))


def kb_categories_for_section(*, section) -> QuerySet:
    """The categories of the section's layer, each with `article_count` of live articles here."""
    from .knowledge_base import KnowledgeBaseCategory

    live_here = Q(
        articles__live=True,
        articles__path__startswith=section.path,
        articles__depth=section.depth + 1,
    )
    return (
        KnowledgeBaseCategory.objects.filter(layer=section.layer)
        .annotate(article_count=Count("articles", filter=live_here))
        .order_by("sort_order", "name")
    )


def kb_section_articles(*, section, category=None) -> QuerySet:
    """The live articles directly under one section (so one layer only), newest review first."""
    from django.db.models import F

    from .knowledge_base import ArticlePage

    articles = (
        ArticlePage.objects.live()
        .child_of(section)
        .select_related("category")
        .order_by(F("last_reviewed").desc(nulls_last=True), "title", "pk")
    )
    if category is not None:
        articles = articles.filter(category=category)
    return articles


def article_detail_extras(*, article, request) -> dict:
    """What an article page shows besides its own fields, one query per kind of thing."""
    from .knowledge_base import ArticleProvenance

    ancestors = list(article.get_ancestors().filter(depth__gt=2))
    section = ancestors[-1].specific if ancestors else None
    provenance = (
        ArticleProvenance.objects.filter(article=article)
        .select_related("question", "community_author")
        .first()
    )
    related = [
        link.article
        for link in article.related_links.select_related("article")
        if link.article.live
    ]
    session_key = request.session.session_key if hasattr(request, "session") else None
    return {
        "ancestors": ancestors,
        "section": section,
        "tags": list(article.tags.all()),
        "related_products": list(article.products.live().order_by("title")),
        "related_articles": related,
        "article_manuals": list(article.manuals.select_related("document")),
        "provenance": provenance,
        "feedback": article_feedback_for_visitor(
            article=article, user=request.user, session_key=session_key
        ),
    }


def article_feedback_for_visitor(*, article, user, session_key):
    """The visitor's own feedback on the article, if they gave it."""
    from .knowledge_base import ArticleFeedback

    if user.is_authenticated:
        return ArticleFeedback.objects.filter(article=article, user=user).first()
    if not session_key:
        return None
    return ArticleFeedback.objects.filter(article=article, session_key=session_key).first()


def articles_for_product(*, product) -> list:
    """The live articles that name this product, for its product page (one query)."""
    from .knowledge_base import ArticlePage

    return list(
        ArticlePage.objects.live()
        .filter(products=product)
        .select_related("category")
        .order_by("title")[:12]
    )


def article_feedback_report() -> QuerySet:
    """Every article with its yes/no counts, the least helpful first (editors' admin report)."""
    from django.db.models import F

    from .knowledge_base import ArticlePage

    return (
        ArticlePage.objects.annotate(
            yes_count=Count("feedback", filter=Q(feedback__helpful=True)),
            no_count=Count("feedback", filter=Q(feedback__helpful=False)),
        )
        .filter(Q(yes_count__gt=0) | Q(no_count__gt=0))
        .order_by(F("no_count").desc(), "yes_count", "title")
    )


def candidate_answers() -> QuerySet:
    """Public answers worth an article, not yet promoted: official, then accepted, then score."""
    from django.db.models import Case, ExpressionWrapper, F, IntegerField, When

    from community.moderation.enums import ContentStatus
    from qa.models import Answer

    candidate = Q(question__accepted_answer=F("pk")) | Q(question__official_answer=F("pk"))
    candidate |= Q(score__gte=CANDIDATE_MIN_SCORE)
    return (
        Answer.objects.filter(
            candidate,
            status=ContentStatus.PUBLISHED,
            question__status=ContentStatus.PUBLISHED,
            article_provenance__isnull=True,
        )
        .select_related("question", "author")
        .annotate(
            is_official=ExpressionWrapper(
                Case(When(question__official_answer=F("pk"), then=1), default=0),
                output_field=IntegerField(),
            ),
            is_accepted=ExpressionWrapper(
                Case(When(question__accepted_answer=F("pk"), then=1), default=0),
                output_field=IntegerField(),
            ),
        )
        .order_by("-is_official", "-is_accepted", "-score", "-created_at", "-pk")
    )


CANDIDATE_MIN_SCORE = 2


def promoted_article_for_question(*, question):
    """The live article promoted from one of the question's answers, or None (one query)."""
    from .knowledge_base import ArticleProvenance

    provenance = (
        ArticleProvenance.objects.filter(question=question, article__live=True)
        .select_related("article")
        .order_by("created_at")
        .first()
    )
    return provenance.article if provenance else None


def category_chosen(request, categories, *, not_found: str):
    """The category a listing's ``?category=<slug>`` names, from ``categories`` already
    loaded; None without one, and a 404 saying ``not_found`` for an unknown slug."""
    slug = request.GET.get("category")
    if not slug:
        return None
    category = next((c for c in categories if c.slug == slug), None)
    if category is None:
        raise Http404(not_found)
    return category
