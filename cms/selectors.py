"""Reads for the product pages, with their joins and prefetches already right."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
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
