from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class NotificationsConfig(app_registration.RegisteringAppConfig):
    """On-site and e-mail notifications, what members follow, and how they want to hear."""

    name = "community.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    registers = ("personal_data",)

    def ready(self) -> None:
        from community.common.page_cache import ignore_writes_to

        from . import models, registry
        from .enums import GROUP_POSITIONS, Channel, KindGroup, MailKindKey, NotificationKind

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
        super().ready()
        # Notifications, follows and e-mail bookkeeping are shown to their member alone,
        # never on a page kept for visitors: writing them keeps the kept pages.
        ignore_writes_to(
            models.Notification,
            models.NotificationPreference,
            models.NotificationSettings,
            models.Follow,
            models.MailClaim,
            models.MailPreference,
            models.MailRecord,
            models.OwnMailState,
        )
        # The floor's own kinds of e-mail; the apps register theirs (invitations, requests).
        registry.register_mail_kind(
            key=MailKindKey.NOTIFICATION,
            help_text=_("One e-mail per event, for the notifications you chose to get at once."),
            position=10,
        )
        registry.register_mail_kind(
            key=MailKindKey.DIGEST,
            help_text=_("A summary of the notifications you chose to get daily or weekly."),
            position=20,
        )
        registry.register_mail_kind(
            key=MailKindKey.ACCOUNT,
            help_text=_(
                "Password resets, address confirmations, your data and your account: always "
                "sent, and never counted in your weekly limit."
            ),
            essential=True,
            position=100,
        )
