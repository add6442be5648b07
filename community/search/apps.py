from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search over everything public, suggestions while asking, and the content-gap log.

    What is searched is registered by the apps (community/search/registry.py).
    """

    name = "community.search"
    # "search" is wagtail.search's label; ours must not clash with it.
    label = "sitesearch"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"
