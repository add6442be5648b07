"""Editors' promoted results for a query (Wagtail's search promotions, "Promoted search results"
in the admin): shown first on the results page, labelled, and left out of the ranked results.

A promotion of a page shows only while the page is live and public; one of an external link
always shows. Reading them takes the same queries however many there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from . import registry

MAX_PROMOTIONS = 5


@dataclass
class PromotedResult:
    title: str
    url: str
    description: str
    page_id: int | None = None  # None for an external link
    link: str = ""  # our own pages through the click counter


def promoted_results(query: str, request=None) -> list[PromotedResult]:
    """The promotions editors chose for the normalised ``query``, in their order."""
    if not query:
        return []
    shown_pages = Page.objects.live().public().values("pk")
    promotions = (
        SearchPromotion.objects.filter(query__query_string=query)
        .filter(Q(page__isnull=True) | Q(page__in=shown_pages))
        .select_related("page")
        .order_by("sort_order", "pk")[:MAX_PROMOTIONS]
    )
    results = []
    for promotion in promotions:
        page = promotion.page
        if page is not None:
            url = page.get_url(request)
            if not url:
                continue
            results.append(
                PromotedResult(
                    title=page.title,
                    url=url,
                    description=promotion.description or page.search_description,
                    page_id=page.pk,
                )
            )
        elif promotion.external_link_url:
            results.append(
                PromotedResult(
                    title=promotion.external_link_text or promotion.external_link_url,
                    url=promotion.external_link_url,
                    description=promotion.description,
                )
            )
    return results


def without_promoted(hits: list, promoted: list[PromotedResult]) -> list:
    """The ranked hits without the pages promoted above them."""
    page_ids = {result.page_id for result in promoted if result.page_id is not None}
    if not page_ids:
        return hits
    page_kinds = {
        source.kind
        for source in registry.search_sources()
        if source.model is not None and issubclass(source.model, Page)
    }
    return [hit for hit in hits if not (hit.kind in page_kinds and hit.pk in page_ids)]
