from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """On-site and e-mail notifications, what members follow, and how they want to hear."""

    name = "community.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from . import personal_data, registry
        from .enums import GROUP_POSITIONS, Channel, KindGroup, NotificationKind

        defaults = {
            KindGroup.MENTIONS: Channel.DAILY,
            KindGroup.FOLLOWING: Channel.DAILY,
            KindGroup.MODERATION: Channel.IMMEDIATE,
            # Opt-in (a separate switch); once on, e-mailed at once.
            KindGroup.HELP_REQUESTS: Channel.IMMEDIATE,
        }
        registry.register_groups(KindGroup, default_channels=defaults, positions=GROUP_POSITIONS)
        email_subjects = {
            NotificationKind.MENTION: _("You were mentioned in “%(text)s”"),
            NotificationKind.MODERATION_DECISION: _("About your post: %(text)s"),
        }
        groups = {
            NotificationKind.MENTION: KindGroup.MENTIONS,
            NotificationKind.MODERATION_DECISION: KindGroup.MODERATION,
        }
        registry.register_kinds(email_subjects, groups=groups, email_subjects=email_subjects)
        personal_data.register()
