"""The forum's part of cms's pages (cms/sections.py): featured showcase topics on the home page
and, of the product, on its product page. Registered in ForumConfig.ready()."""

from __future__ import annotations

from cms.sections import HOME_PAGE, PRODUCT_PAGE, PageSection, register_page_section, when_shown

from .selectors import featured_showcase

SHOWCASE_TEMPLATE = "forum/includes/featured_showcase.html"
SHOWCASE_LIMIT = 3


def _home_showcase(page, request) -> dict:
    return {"featured_topics": featured_showcase(limit=SHOWCASE_LIMIT)}


def _product_showcase(product, request) -> dict:
    return {
        "featured_topics": when_shown(
            lambda: featured_showcase(limit=SHOWCASE_LIMIT, product=product)
        )
    }


def register() -> None:
    # One showcase section, on two pages: the product's shows only the product's topics.
    for page, order, context in (
        (HOME_PAGE, 10, _home_showcase),
        (PRODUCT_PAGE, 40, _product_showcase),
    ):
        register_page_section(
            PageSection(
                page=page,
                key="featured_topics",
                order=order,
                templates={"featured": SHOWCASE_TEMPLATE},
                context=context,
            )
        )
