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

        from community.common.page_cache import kept_for_visitors
        from community.common.sitemaps import register_sitemap_section

        from . import notifications
        from .sections import PRODUCT_PAGE, PageSection, register_page_section, when_shown
        from .selectors import articles_for_product

        # Product pages and articles mark their visitor pages to be kept (their serve()).
        kept_for_visitors(serve)
        super().ready()
        notifications.register_review_notices()
        register_sitemap_section("pages", PageSitemap)
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
