from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """What the community tells the shop: figures, charts and a weekly summary for staff and
    editors. It reads every app below it and nothing reads it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from community.notifications import registry

        from .services import SUMMARY_MAIL_KIND

        # The subscription on the Insights page is the opt-in; this switch and the weekly
        # budget apply on top, like for every e-mail.
        registry.register_mail_kind(
            key=SUMMARY_MAIL_KIND,
            label=_("Weekly Insights summary"),
            help_text=_("Last week's figures, for staff who subscribed on the Insights page."),
            position=50,
            for_staff=True,
        )
