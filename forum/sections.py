"""The forum's part of cms's pages (cms/sections.py): featured showcase topics on the home page
and, of the product, on its product page. Registered in ForumConfig.ready()."""

from __future__ import annotations

from cms.sections import HOME_PAGE, PRODUCT_PAGE, PageSection, register_page_section

from .selectors import featured_showcase

SHOWCASE_TEMPLATE = "forum/includes/featured_showcase.html"
SHOWCASE_LIMIT = 3


def register() -> None:
    register_page_section(
        PageSection(
            page=HOME_PAGE,
            key="featured_topics",
            order=10,
            templates={"featured": SHOWCASE_TEMPLATE},
            context=lambda page, request: {
                "featured_topics": featured_showcase(limit=SHOWCASE_LIMIT)
            },
        )
    )
    register_page_section(
        PageSection(
            page=PRODUCT_PAGE,
            key="featured_topics",
            order=40,
            templates={"featured": SHOWCASE_TEMPLATE},
            context=lambda product, request: {
                "featured_topics": featured_showcase(limit=SHOWCASE_LIMIT, product=product)
            },
        )
    )
