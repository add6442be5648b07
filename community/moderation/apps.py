from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class ModerationConfig(app_registration.RegisteringAppConfig):
    """Hide and restore for every kind of post, and the audit log of staff actions."""

    name = "community.moderation"
    label = "moderation"
    verbose_name = _("Moderation")
    registers = ("notifications", "personal_data")
