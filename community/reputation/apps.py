from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class ReputationConfig(app_registration.RegisteringAppConfig):
    """Points earned from what others find useful, the privileges they unlock, and badges."""

    name = "community.reputation"
    label = "reputation"
    verbose_name = _("Reputation")
    registers = ("personal_data",)

    def ready(self):
        from .enums import EventKind
        from .registry import register_event_kinds

        # The ground floor's own reason: moderation's spam penalty, for any content kind.
        register_event_kinds(EventKind)
        super().ready()
