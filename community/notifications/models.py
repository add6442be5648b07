"""What members are told about, what they follow, and how they want to hear about it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from community.common.models import NewestFirst, member_link, optional_link

from . import registry
from .enums import Channel, FollowReason, MailOutcome


class Notification(NewestFirst):
    """One thing a member is told about, on the site and perhaps by e-mail.

    ``url`` and ``text`` are stored when it is made, so the list renders without looking up
    the posts it points to. (recipient, kind, event_key) is unique: the same event never
    reaches a member twice.
    """

    recipient = member_link(related_name="notifications")
    # The kinds are those the floor and the apps registered.
    kind = models.CharField(_("kind"), max_length=40, choices=registry.kind_choices)
    actor = optional_link(settings.AUTH_USER_MODEL, _("by"))
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    url = models.CharField(_("link"), max_length=500)
    text = models.CharField(_("about"), max_length=300)
    # Identifies the event, e.g. "answer:123", so that it is recorded once per recipient.
    event_key = models.CharField(max_length=100)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # How it goes out by e-mail, chosen from the recipient's settings when it was made.
    delivery = models.CharField(
        _("delivery"), max_length=12, choices=Channel.choices, default=Channel.ON_SITE
    )
    # Its e-mail (on its own or in a digest): when it went out, or was settled without one,
    # and how often a run claimed it (the claims themselves are ``MailClaim`` rows).
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta(NewestFirst.Meta):
        verbose_name = _("notification")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "event_key"], name="notifications_once_per_event"
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notifications_list_idx"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notifications_unread_idx",
            ),
            models.Index(
                fields=["delivery", "recipient"],
                condition=Q(emailed_at__isnull=True),
                name="notifications_unsent_idx",
            ),
            models.Index(fields=["kind", "event_key"], name="notifications_event_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A member's choice of delivery for one group of kinds (absent: the default applies)."""

    user = member_link(related_name="notification_preferences")
    group = models.CharField(
        _("notifications about"), max_length=20, choices=registry.group_choices
    )
    channel = models.CharField(_("delivery"), max_length=12, choices=Channel.choices)

    class Meta:
        verbose_name = _("notification preference")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group"], name="notifications_one_pref_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.group}: {self.channel}"


class NotificationSettings(models.Model):
    """A member's switches that are not per group, and when their digests last went out."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_paused = models.BooleanField(
        _("no e-mail at all"),
        default=False,
        help_text=_("Keep everything on the site and send no notification e-mail."),
    )
    help_requests_per_week = models.PositiveSmallIntegerField(
        _("at most this many requests a week"), default=2
    )
    # The member's own weekly limit on non-essential e-mail; empty: the site's MAIL_WEEKLY_CAP
    # (a member can only lower it).
    mail_weekly_cap = models.PositiveSmallIntegerField(
        _("at most this many e-mails a week"), null=True, blank=True
    )
    # Claimed with a conditional UPDATE before a digest is sent, so two runs never both send.
    daily_digest_at = models.DateTimeField(null=True, blank=True)
    weekly_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"notification settings of {self.user_id}"


class Follow(models.Model):
    """A member follows one thing an app registered as followable (``registry``): a
    question, a product, a tag, a forum topic or a board, named by its key and id.

    For forum topics and boards, ``last_notified_id`` is the last reply or topic the member
    was told about through this follow (the forum's "new since"); other follows leave it empty.
    """

    user = member_link(related_name="follows")
    target_type = models.CharField(max_length=20)
    target_id = models.PositiveBigIntegerField()
    reason = models.CharField(
        max_length=8, choices=FollowReason.choices, default=FollowReason.CHOSEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_notified_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("follow")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"], name="notifications_follow_once"
            ),
        ]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="notifications_followers_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.target_type} {self.target_id}"


class MailClaim(models.Model):
    """A run is sending the e-mail of one row of a stream (or died while doing so).

    For the e-mails whose rows have no claim column of their own (notifications, alone or
    in a digest; see ``mail.Outbox``). Inserting it is the claim: (stream, row) is unique,
    so of two runs one gets it. It is deleted once the e-mail went out or failed; one older
    than ``MAIL_STALE_CLAIM_MINUTES`` belongs to a run that died, and may be taken over.
    """

    stream = models.CharField(max_length=100)
    row_id = models.PositiveBigIntegerField()
    claimed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stream", "row_id"], name="notifications_claim_once")
        ]

    def __str__(self) -> str:
        return f"{self.stream} {self.row_id} claimed at {self.claimed_at}"


class MailPreference(models.Model):
    """A member's choice to receive one kind of e-mail or not (``registry.register_mail_kind``).

    Absent: the kind's default applies (off for marketing-like mail where the site requires
    consent). ``chosen_at`` records when the member chose, e.g. at sign-up.
    """

    user = member_link(related_name="mail_preferences")
    kind = models.CharField(_("e-mail"), max_length=40)
    enabled = models.BooleanField(_("send it"))
    chosen_at = models.DateTimeField(_("chosen"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail preference")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_one_mail_pref")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'on' if self.enabled else 'off'}"


class MailRecord(models.Model):
    """One non-essential e-mail to a member, counted against their weekly budget, or skipped
    because the budget was spent (``budget``). Account mail is never recorded."""

    user = member_link(related_name="mail_records")
    kind = models.CharField(_("e-mail"), max_length=40)
    outcome = models.CharField(_("outcome"), max_length=10, choices=MailOutcome.choices)
    recorded_at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("e-mail record")
        indexes = [
            models.Index(fields=["user", "outcome", "recorded_at"], name="notifications_budget_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.outcome} at {self.recorded_at}"


class OwnMailState(models.Model):
    """The state of one e-mail kept on its own row (``mail.Outbox.on_own_row``): when a run
    claimed it, how many times one did, when it went out, and the last failure.

    A stream whose row is inserted just before sending (a review invitation, a weekly summary)
    claims it by that insert; ``attempts`` counts it as the first.
    """

    claimed_at = models.DateTimeField(_("claimed"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("last failure"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        abstract = True
