from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public read API (/api/v1/) and the widget shops embed (/widget/v1/)."""

    name = "api"
    verbose_name = _("Public API and widget")
