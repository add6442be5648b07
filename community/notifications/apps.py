from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """On-site and e-mail notifications, what members follow, and how they want to hear."""

    name = "community.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from . import registry
        from .enums import GROUP_POSITIONS, Channel, KindGroup, NotificationKind

        defaults = {
            KindGroup.MENTIONS: Channel.DAILY,
            KindGroup.FOLLOWING: Channel.DAILY,
            KindGroup.MODERATION: Channel.IMMEDIATE,
            # Opt-in (a separate switch); once on, e-mailed at once.
            KindGroup.HELP_REQUESTS: Channel.IMMEDIATE,
        }
        for group in KindGroup:
            registry.register_group(
                key=group.value,
                label=group.label,
                default_channel=defaults[group],
                position=GROUP_POSITIONS[group],
            )
        email_subjects = {
            NotificationKind.MENTION: _("You were mentioned in “%(text)s”"),
            NotificationKind.MODERATION_DECISION: _("About your post: %(text)s"),
        }
        groups = {
            NotificationKind.MENTION: KindGroup.MENTIONS,
            NotificationKind.MODERATION_DECISION: KindGroup.MODERATION,
        }
        for kind, email_subject in email_subjects.items():
            registry.register_kind(
                key=kind, label=kind.label, group=groups[kind], email_subject=email_subject
            )
