from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Hide and restore for every kind of post, and the audit log of staff actions."""

    name = "community.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from . import notifications, personal_data

        notifications.register()
        personal_data.register()
