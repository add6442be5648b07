"""The weekly budget of non-essential e-mail that every kind of it shares, per member.

Notifications, digests, review invitations, "Can you help?" requests and staff summaries
all count against one number: ``MAIL_WEEKLY_CAP`` e-mails in any 7 days, or fewer if the
member chose fewer. The one mail path claims a place in the budget before it sends (see
``mail.deliver``); what does not fit is skipped and recorded, never queued for later, so a
busy week does not become a flood the week after. Account mail is never counted.

Whether the member wants the e-mail at all (``selectors.mail_wanted``) is read in the same
short write, from the settings row it locks.

Claiming is safe between parallel runs: it first updates the member's settings row, which
holds every other claim for the same member until this one's transaction ends (a row lock
on PostgreSQL, the write lock on SQLite), and only then counts and records.

Digests come first: a single e-mail (a notification, an invitation, a request) leaves the
last place of the week free while the member has notifications waiting for a digest, so
the digest that gathers them can still go out.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from . import selectors
from .enums import DIGEST_CHANNELS, MailKindKey, MailOutcome
from .models import MailRecord, Notification, NotificationSettings

logger = logging.getLogger(__name__)

BUDGET_PERIOD = timedelta(days=7)


def weekly_cap(switches: NotificationSettings | None) -> int:
    """The member's weekly number: their own choice, never above the site's."""
    site_cap = settings.MAIL_WEEKLY_CAP
    if switches is None or switches.mail_weekly_cap is None:
        return site_cap
    return min(switches.mail_weekly_cap, site_cap)


def budget_claim(*, user_id: int, kind: str, now: datetime) -> MailRecord | None:
    """Count one e-mail of ``kind`` to the member against their budget, before it is sent.

    Returns the record that counts it (``budget_give_back`` it if sending fails), or None
    when the e-mail must not be sent: the member does not want this kind now (nothing is
    recorded), or the budget is spent (recorded as skipped).
    """
    with transaction.atomic():
        switches = _lock_member(user_id)
        # Read under the lock too: a member who switches the kind off now gets no e-mail.
        if not selectors.mail_wanted(user_id=user_id, kind=kind, switches=switches):
            return None
        limit = weekly_cap(switches)
        spent = MailRecord.objects.filter(
            user_id=user_id, outcome=MailOutcome.SENT, recorded_at__gt=now - BUDGET_PERIOD
        ).count()
        # Only the last place of the week is kept for a waiting digest: asked only then.
        if spent == limit - 1 and kind != MailKindKey.DIGEST and _digest_waiting(user_id):
            limit -= 1
        outcome = MailOutcome.SENT if spent < limit else MailOutcome.OVER_CAP
        record = MailRecord.objects.create(
            user_id=user_id, kind=kind, outcome=outcome, recorded_at=now
        )
    if outcome != MailOutcome.SENT:
        # Normal operation, recorded as a MailRecord: not worth a line in the log.
        logger.debug("E-mail %s to member %s skipped: over the weekly cap", kind, user_id)
        return None
    return record


def budget_give_back(record: MailRecord) -> None:
    """Sending failed: the e-mail did not reach the member, so it does not count."""
    MailRecord.objects.filter(pk=record.pk).delete()


def _lock_member(user_id: int) -> NotificationSettings:
    """The member's settings row, updated (to itself) so that no parallel claim for this
    member can count until this transaction ends."""
    rows = NotificationSettings.objects.filter(user_id=user_id)
    if not rows.update(mail_weekly_cap=F("mail_weekly_cap")):
        try:
            with transaction.atomic():
                NotificationSettings.objects.create(
                    user_id=user_id,
                    help_requests_per_week=settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK,
                )
        except IntegrityError:  # made a moment ago by a parallel run
            rows.update(mail_weekly_cap=F("mail_weekly_cap"))
    return rows.get()


def _digest_waiting(user_id: int) -> bool:
    return Notification.objects.filter(
        recipient_id=user_id,
        delivery__in=DIGEST_CHANNELS,
        emailed_at__isnull=True,
        read_at__isnull=True,
    ).exists()
