from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Wagtail pages: home, products, knowledge base, articles, FAQ."""

    name = "cms"
    verbose_name = _("Site content")

    def ready(self):
        from wagtail.contrib.sitemaps import Sitemap as PageSitemap

        from community.common.sitemaps import register_sitemap_section

        from . import notifications, personal_data, search_sources, webhooks
        from .sections import PRODUCT_PAGE, PageSection, register_page_section
        from .selectors import articles_for_product

        notifications.register()
        notifications.register_review_notices()
        personal_data.register()
        search_sources.register()
        webhooks.register()
        register_sitemap_section("pages", PageSitemap)
        register_page_section(
            PageSection(
                page=PRODUCT_PAGE,
                key="articles",
                order=30,
                templates={"articles": "cms/includes/product_articles.html"},
                context=lambda product, request: {
                    "product_articles": articles_for_product(product=product)
                },
            )
        )
