from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """What the community tells the shop: figures, charts and a weekly summary for staff and
    editors. It reads every app below it and nothing reads it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"
    verbose_name = _("Insights")
