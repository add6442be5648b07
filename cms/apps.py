from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class CmsConfig(app_registration.RegisteringAppConfig):
    """Wagtail pages: home, products, knowledge base, articles, FAQ."""

    name = "cms"
    verbose_name = _("Site content")
    registers = ("notifications", "personal_data", "search_sources", "webhooks")

    def ready(self):
        from wagtail.contrib.sitemaps import Sitemap as PageSitemap
        from wagtail.views import serve

        from community.common.page_cache import kept_for_visitors, prepare_requests_for
        from community.common.sitemaps import register_sitemap_section

        from . import notifications
        from .catalogue import product_follow_context, product_follow_rows
        from .member_parts import prepare_page_request
        from .sections import PRODUCT_PAGE, PageSection, register_page_section, when_shown
        from .selectors import articles_for_product

        # Product pages and articles mark their visitor pages to be kept (their serve()).
        kept_for_visitors(serve)
        # What Wagtail reads before routing comes from reads kept under the generation.
        prepare_requests_for(serve, prepare_page_request)
        super().ready()
        notifications.register_review_notices()
        register_sitemap_section("pages", PageSitemap)
        # No place of its own: the follow button is the page's, its mark read with the others.
        register_page_section(
            PageSection(
                page=PRODUCT_PAGE,
                key="follow",
                order=0,
                templates={},
                context=product_follow_context,
                viewer_rows=product_follow_rows,
            )
        )
        register_page_section(
            PageSection(
                page=PRODUCT_PAGE,
                key="articles",
                order=30,
                templates={"articles": "cms/includes/product_articles.html"},
                context=lambda product, request: {
                    "product_articles": when_shown(lambda: articles_for_product(product=product))
                },
            )
        )
