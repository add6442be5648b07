from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReputationConfig(AppConfig):
    """Points earned from what others find useful, the privileges they unlock, and badges."""

    name = "community.reputation"
    label = "reputation"
    verbose_name = _("Reputation")

    def ready(self):
        from . import personal_data
        from .enums import EventKind
        from .registry import register_event_kinds

        # The ground floor's own reason: moderation's spam penalty, for any content kind.
        register_event_kinds(EventKind)
        personal_data.register()
