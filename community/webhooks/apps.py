from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Webhooks: the shop's systems hear of new questions, answers, reviews and articles."""

    name = "community.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from community.notifications import registry
        from community.notifications.enums import KindGroup

        from .enums import WebhookNotice

        registry.register_kinds(
            WebhookNotice,
            groups={WebhookNotice.ENDPOINT_PAUSED: KindGroup.MODERATION},
            email_subjects={
                WebhookNotice.ENDPOINT_PAUSED: _("A webhook endpoint was paused: %(text)s")
            },
        )
