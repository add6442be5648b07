"""The notification e-mails: one per event at once, or a daily or weekly digest.

Both streams go through the one mail path (``mail``); this module supplies what is theirs:
which notifications to claim, the subjects and templates, the member's unsubscribe links,
and their limits (``NOTIFICATIONS_EMAIL_MAX_ATTEMPTS``, ``NOTIFICATIONS_EMAIL_RETRY_HOURS``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.moderation.enums import ContentStatus

from . import registry
from .enums import DIGEST_CHANNELS, Channel, MailKindKey, NotificationKind
from .mail import Letter, MailRun, Outbox, Outcome, absolute, deliver, recipient_language
from .models import Notification, NotificationSettings
from .unsubscribe import UNSUBSCRIBE_ALL, unsubscribe_url

logger = logging.getLogger(__name__)


# Notifications e-mailed at once: tried again (by later tasks and ``send_digests``) up to
# NOTIFICATIONS_EMAIL_MAX_ATTEMPTS times, for NOTIFICATIONS_EMAIL_RETRY_HOURS.
IMMEDIATE_OUTBOX = Outbox(
    model=Notification,
    sent="emailed_at",
    attempts="email_attempts",
    max_attempts_setting="NOTIFICATIONS_EMAIL_MAX_ATTEMPTS",
)
# Notifications waiting for a digest: a failed digest goes out with the next run, however
# often it failed.
DIGEST_OUTBOX = Outbox(model=Notification, sent="emailed_at", attempts="email_attempts")
# A digest goes out at a run at least this long after the previous one; the hour of slack
# keeps a daily cron job from skipping a day when one run starts a little earlier.
DIGEST_INTERVALS = {
    Channel.DAILY: timedelta(days=1) - timedelta(hours=1),
    Channel.WEEKLY: timedelta(days=7) - timedelta(hours=1),
}
DIGEST_CLAIM_FIELDS = {Channel.DAILY: "daily_digest_at", Channel.WEEKLY: "weekly_digest_at"}


class EmailSendFailed(Exception):
    """Some notification e-mails could not be sent; they stay pending for another try."""


# SECTION what the e-mails say


def notification_subject(notification: Notification) -> str:
    return str(registry.kind(notification.kind).email_subject % {"text": notification.text})


def notification_letter(notification: Notification) -> Letter:
    """The e-mail about one notification, with a direct link and one-click unsubscribe."""
    recipient = notification.recipient
    group = registry.kind(notification.kind).group
    return Letter(
        to=recipient.email,
        subject=notification_subject(notification),
        template="emails/notification",
        context=_member_footer_context(recipient)
        | {
            "notification": notification,
            # Straight to the post: it opens without signing in when it is public.
            "link": absolute(notification.url),
            "group_label": registry.group(group).label,
        },
        unsubscribe_url=unsubscribe_url(user=recipient, scope=group),
    )


def digest_letter(*, recipient: User, notifications: Sequence[Notification], period: str) -> Letter:
    """The daily or weekly digest: every waiting notification, grouped by kind."""
    sections: dict[str, list[Notification]] = {}
    for notification in notifications:
        sections.setdefault(notification.get_kind_display(), []).append(notification)
    if period == Channel.DAILY:
        subject = _("Your daily digest: %(count)s new at %(site)s")
    else:
        subject = _("Your weekly digest: %(count)s new at %(site)s")
    return Letter(
        to=recipient.email,
        subject=subject % {"count": len(notifications), "site": settings.WAGTAIL_SITE_NAME},
        template="emails/digest",
        context=_member_footer_context(recipient)
        | {
            "sections": [
                {
                    "title": title,
                    "items": [{"notification": item, "link": absolute(item.url)} for item in items],
                }
                for title, items in sections.items()
            ],
            "heading": _("Your daily digest")
            if period == Channel.DAILY
            else _("Your weekly digest"),
            "count": len(notifications),
            "list_url": absolute(reverse("notifications:list")),
        },
        unsubscribe_url=unsubscribe_url(user=recipient, scope=period),
    )


def _member_footer_context(recipient: User) -> dict:
    """What the layout's footer shows a member: who they are and where to change it."""
    return {
        "recipient": recipient,
        "settings_url": absolute(reverse("notifications:settings")),
        "unsubscribe_all_url": unsubscribe_url(user=recipient, scope=UNSUBSCRIBE_ALL),
    }


def _still_public(notification: Notification) -> bool:
    """Whether the post a notification is about can still be read by everyone.

    A post hidden or deleted after the notification was made is not e-mailed about; a
    moderation decision is, since it is about exactly that.
    """
    if notification.kind == NotificationKind.MODERATION_DECISION or not notification.target_id:
        return True
    target = notification.target
    if target is None:
        return False  # deleted for good
    status = getattr(target, "status", None)
    return status is None or status == ContentStatus.PUBLISHED


# SECTION e-mails at once


def notification_emails_send(*, kind: str, event_key: str) -> int:
    """E-mail the not yet e-mailed notifications of one event that go out at once.

    Each is claimed before it is sent, so two tasks never send the same one; a failed send
    gives the claim back, and a later task or ``send_digests`` tries again. Returns how many
    were sent; raises ``EmailSendFailed`` (after trying them all) if any failed.
    """
    now = timezone.now()
    # Unsent is enough: the claim passes over a row that another run holds.
    pending = Notification.objects.filter(
        IMMEDIATE_OUTBOX.unsent(), kind=kind, event_key=event_key, delivery=Channel.IMMEDIATE
    )
    return _send_each(pending, now=now)


def notification_emails_retry() -> int:
    """Try again the immediate e-mails that failed lately, or whose run died while sending
    (``send_digests`` runs this)."""
    now = timezone.now()
    since = now - timedelta(hours=settings.NOTIFICATIONS_EMAIL_RETRY_HOURS)
    pending = Notification.objects.filter(
        IMMEDIATE_OUTBOX.sendable(now),
        delivery=Channel.IMMEDIATE,
        email_attempts__gt=0,
        created_at__gte=since,
    )
    return _send_each(pending, now=now)


def notification_emails_retry_safely() -> int:
    """Retry failed e-mails; those failing again stay pending (logged), not raised."""
    try:
        return notification_emails_retry()
    except EmailSendFailed:
        logger.warning("Some notification e-mails failed again; they stay pending.")
        return 0


def _send_each(pending: QuerySet[Notification], *, now: datetime) -> int:
    run = MailRun()
    connection = get_connection()
    for notification in (
        pending.select_related("recipient", "actor").prefetch_related("target").order_by("pk")
    ):
        if not _claim(notification, now=now):
            continue
        if notification.read_at is not None or not _still_public(notification):
            IMMEDIATE_OUTBOX.done([notification.pk])  # seen on the site, or hidden since
            continue
        outcome = deliver(
            IMMEDIATE_OUTBOX,
            [notification.pk],
            partial(notification_letter, notification),
            kind=notification_mail_kind(notification),
            recipient_id=notification.recipient_id,
            language=recipient_language(notification.recipient),
            connection=connection,
        )
        run = run.counted(outcome)
    if run.failed:
        raise EmailSendFailed(f"{run.failed} notification e-mails failed; {run.sent} were sent.")
    return run.sent


def notification_mail_kind(notification: Notification) -> str:
    """The kind of e-mail a notification goes out as on its own (a help request is one of
    its own; most are ordinary notification e-mail)."""
    group = registry.kind(notification.kind).group
    return registry.mail_kind_of_group(group, otherwise=MailKindKey.NOTIFICATION)


def _claim(notification: Notification, *, now: datetime | None = None) -> bool:
    """Claim a notification read as unsent (``IMMEDIATE_OUTBOX.unsent``).

    The delivery must still be what it was when read: a member who switched this e-mail off
    (or unsubscribed) a moment ago gets none.
    """
    row = Notification.objects.filter(pk=notification.pk, delivery=notification.delivery)
    now = now or timezone.now()
    return bool(IMMEDIATE_OUTBOX.claim(row, now=now, candidates=[notification.pk]))


# SECTION digests


def digests_send_due(*, now: datetime | None = None) -> int:
    """Send each member's daily and weekly digest that is due; returns how many went out.

    A member's digest is claimed by moving their ``*_digest_at`` forward with a conditional
    UPDATE, and then its notifications are claimed, before anything is sent; so two
    overlapping runs never send two digests. A digest whose run died after claiming it is
    due again once its claim is stale.
    """
    now = now or timezone.now()
    sent = 0
    for period in DIGEST_CHANNELS:
        recipient_ids = (
            _digest_waiting(period=period, now=now)
            .values_list("recipient_id", flat=True)
            .distinct()
            .order_by()
        )
        for recipient_id in list(recipient_ids):
            sent += _digest_send(recipient_id=recipient_id, period=period, now=now)
    return sent


def _digest_waiting(*, period: str, now: datetime) -> QuerySet[Notification]:
    return Notification.objects.filter(
        DIGEST_OUTBOX.sendable(now), delivery=period, created_at__lte=now
    )


def _digest_send(*, recipient_id: int, period: str, now: datetime) -> int:
    waiting = _digest_waiting(period=period, now=now).filter(recipient_id=recipient_id)
    claimed, previous = _digest_claim(
        recipient_id=recipient_id, period=period, now=now, waiting=waiting
    )
    if not claimed:
        return 0  # not due yet, or another run claimed it a moment ago
    claimed_ids = DIGEST_OUTBOX.claim(
        Notification.objects.filter(
            recipient_id=recipient_id, delivery=period, created_at__lte=now
        ),
        now=now,
    )
    items = list(
        Notification.objects.filter(pk__in=claimed_ids)
        .select_related("actor")
        .prefetch_related("target")
        .order_by("kind", "-created_at")
    )
    item_ids = [item.pk for item in items]
    recipient = User.objects.get(pk=recipient_id)
    unread = [item for item in items if item.read_at is None and _still_public(item)]
    if not unread or not recipient.email or not recipient.is_active:
        DIGEST_OUTBOX.done(item_ids)
        return 0
    letter_for = partial(digest_letter, recipient=recipient, notifications=unread, period=period)
    outcome = deliver(
        DIGEST_OUTBOX,
        item_ids,
        letter_for,
        kind=MailKindKey.DIGEST,
        recipient_id=recipient.pk,
        language=recipient_language(recipient),
    )
    if outcome == Outcome.SENT:
        return 1
    if outcome == Outcome.SKIPPED:
        return 0  # its notifications stay on the site; the next digest is due as usual
    # Give the member's claim back too, so the next run sends the digest.
    field = DIGEST_CLAIM_FIELDS[period]
    NotificationSettings.objects.filter(user_id=recipient_id, **{field: now}).update(
        **{field: previous}
    )
    return 0


def _digest_claim(
    *, recipient_id: int, period: str, now: datetime, waiting: QuerySet[Notification]
) -> tuple[bool, datetime | None]:
    """Claim the member's digest for the run at ``now``: whether it got it, and the time the
    claim replaced (to give back if sending fails).

    Due when none went out yet, when the interval has passed, or when a run that claimed it
    died before sending (its notifications are still claimed, and the claim is stale).
    """
    field = DIGEST_CLAIM_FIELDS[period]
    rows = NotificationSettings.objects.filter(user_id=recipient_id)
    current = rows.values(field).first()
    if current is None:
        try:
            with transaction.atomic():
                NotificationSettings.objects.create(
                    user_id=recipient_id,
                    help_requests_per_week=settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK,
                    **{field: now},
                )
        except IntegrityError:  # made a moment ago, by a parallel run or the settings page
            current = rows.values(field).get()
        else:
            return True, None
    due = (
        Q(**{f"{field}__isnull": True})
        | Q(**{f"{field}__lte": now - DIGEST_INTERVALS[period]})
        | Exists(waiting.filter(DIGEST_OUTBOX.stale_claims(now)))
    )
    return bool(rows.filter(due).update(**{field: now})), current[field]
