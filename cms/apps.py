from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Wagtail pages: home, products, knowledge base, articles, FAQ."""

    name = "cms"
    verbose_name = _("Site content")
