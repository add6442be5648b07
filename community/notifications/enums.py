"""The floor's own kinds and groups of notification, how they are delivered, and why a
member follows something. The apps register their kinds and groups in ``registry``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """The kinds the floor itself sends (every app's posts can mention and be moderated)."""

    MENTION = "mention", _("You were mentioned")
    MODERATION_DECISION = "moderation_decision", _("A moderation decision")


class KindGroup(models.TextChoices):
    """The floor's groups of kinds; the apps register the groups of their own kinds."""

    MENTIONS = "mentions", _("Mentions of my name")
    FOLLOWING = "following", _("Questions, products, tags and topics I follow")
    MODERATION = "moderation", _("Moderation decisions about my posts and flags")
    # Opt-in: the "help_request" kind of e-mail (registered by the app that asks) is their
    # switch; the floor keeps the weekly number (NotificationSettings).
    HELP_REQUESTS = "help_requests", _("Requests to help with products I bought")


class MailKindKey(models.TextChoices):
    """The kinds of e-mail the floor itself sends (the apps register theirs in ``registry``)."""

    NOTIFICATION = "notification", _("Notification e-mails")
    DIGEST = "digest", _("Daily and weekly digests")
    ACCOUNT = "account", _("Account e-mail")


class MailOutcome(models.TextChoices):
    """What became of a non-essential e-mail to a member, as counted against their budget."""

    SENT = "sent", _("Sent")
    OVER_CAP = "over_cap", _("Skipped: over the weekly limit")


class Channel(models.TextChoices):
    """How a notification reaches a member besides the list on the site (which always has it)."""

    ON_SITE = "on_site", _("On the site only")
    IMMEDIATE = "immediate", _("E-mail right away")
    DAILY = "daily", _("Daily digest e-mail")
    WEEKLY = "weekly", _("Weekly digest e-mail")


class FollowReason(models.TextChoices):
    """Why someone follows something: notifications can word their e-mail after it."""

    CHOSEN = "chosen", _("Followed")
    POSTED = "posted", _("Posted in it")


DIGEST_CHANNELS = (Channel.DAILY, Channel.WEEKLY)

# Where the floor's groups appear on the settings page, among the apps' groups (see the
# positions the apps register).
GROUP_POSITIONS = {
    KindGroup.MENTIONS: 30,
    KindGroup.FOLLOWING: 40,
    KindGroup.MODERATION: 60,
    KindGroup.HELP_REQUESTS: 70,
}
