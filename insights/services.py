"""The weekly Insights summary by e-mail: who asked for it, and sending it through the site's
one mail path (``community.notifications.mail``), once per subscriber and week."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial

from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.common.periods import week_start
from community.common.transactions import save_once
from community.notifications import mail

from .models import SummaryEmail, SummarySubscription
from .permissions import can_view_insights
from .selectors import WeekComparison, week_comparison

STOP_SALT = "insights.summary.stop"


def summary_subscribed(user: User) -> bool:
    return SummarySubscription.objects.filter(user=user).exists()


def summary_subscription_set(*, user: User, on: bool) -> None:
    """Start (``on``) or stop the weekly summary for ``user``; asking twice is harmless."""
    if on:
        SummarySubscription.objects.get_or_create(user=user)
    else:
        SummarySubscription.objects.filter(user=user).delete()


def summary_stop_token(*, user: User) -> str:
    return signing.dumps({"user": user.pk}, salt=STOP_SALT)


def summary_stop_target(token: str) -> User:
    """The member a stop link names; raises signing.BadSignature when tampered with or gone."""
    payload = signing.loads(token, salt=STOP_SALT)
    user = User.objects.filter(
        pk=payload.get("user") if isinstance(payload, dict) else None
    ).first()
    if user is None:
        raise signing.BadSignature("The member is gone.")
    return user


# A summary keeps its claim on its own row: inserting the row is the first claim, a failure
# is recorded there, and INSIGHTS_SUMMARY_MAX_ATTEMPTS limits the tries.
SUMMARY_OUTBOX = mail.Outbox.on_own_row(
    SummaryEmail, max_attempts_setting="INSIGHTS_SUMMARY_MAX_ATTEMPTS"
)


def last_full_week(now: datetime) -> date:
    """The Monday of the last week that has ended by ``now``."""
    return week_start(timezone.localdate(now)) - timedelta(days=7)


def summary_emails_send_due(*, now: datetime | None = None) -> mail.MailRun:
    """E-mail last week's summary to every subscriber who may still see Insights, once per
    week: safe to run often (cron, or the self-scheduling task) and twice at the same time.
    Failures, and claims of runs that died mid-send, are tried again by later runs."""
    now = now or timezone.now()
    monday = last_full_week(now)
    comparison: WeekComparison | None = None
    run = mail.MailRun()
    subscribers = (
        User.objects.filter(insights_subscription__isnull=False, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    for user in subscribers:
        if not can_view_insights(user):
            run = run.counted(mail.Outcome.SKIPPED)
            continue
        email = SummaryEmail(user=user, week_start=monday, claimed_at=now)
        if not save_once(email):
            retry = SummaryEmail.objects.filter(user=user, week_start=monday)
            claimed = SUMMARY_OUTBOX.claim(retry, now=now)
            if not claimed:  # sent already, or another run is sending it
                run = run.counted(mail.Outcome.SKIPPED)
                continue
            email = retry.get()
        comparison = comparison or week_comparison(monday)
        run = run.counted(_summary_send(email, user=user, comparison=comparison))
    return run


# The kind of e-mail the summary is, in the preference centre and the weekly budget.
SUMMARY_MAIL_KIND = "insights_summary"


def _summary_send(email: SummaryEmail, *, user: User, comparison: WeekComparison) -> mail.Outcome:
    return mail.deliver(
        SUMMARY_OUTBOX,
        [email.pk],
        partial(_summary_letter, user=user, comparison=comparison),
        kind=SUMMARY_MAIL_KIND,
        recipient_id=user.pk,
        language=mail.recipient_language(user),
    )


def _summary_letter(*, user: User, comparison: WeekComparison) -> mail.Letter:
    stop_url = mail.absolute(
        reverse("insights:summary-stop", kwargs={"token": summary_stop_token(user=user)})
    )
    return mail.Letter(
        to=user.email,
        subject=_("Insights: the week of %(day)s")
        % {"day": comparison.this.window.first.isoformat()},
        template="emails/insights_summary",
        context={
            "member": user,
            "comparison": comparison,
            "insights_url": mail.absolute(reverse("insights")),
        },
        unsubscribe_url=stop_url,
    )
