"""Notices of illegal content: sending one (anyone, signed in or not), closing them when staff
decide about the post, and the sender's e-mail (a confirmation, then the decision).

Staff decide about the post itself through the one moderation path; every decision closes
the post's open notices here, as it closes its reports.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from community.common import ratelimit
from community.notifications import mail
from community.notifications.enums import MailKindKey
from community.notifications.tasks import enqueue_safely, run_again_later

from . import notifications
from .enums import NoticeResolution
from .models import IllegalContentNotice
from .permissions import check_can_send_notice
from .targets import open_notices, recorded_about

# The sender's e-mail: one letter due at a time (the confirmation, later the decision).
NOTICE_OUTBOX = mail.Outbox(
    model=IllegalContentNotice,
    sent="mailed_at",
    attempts="mail_attempts",
    claimed="mail_claimed_at",
    max_attempts_setting="NOTIFICATIONS_EMAIL_MAX_ATTEMPTS",
)


def notice_create(
    *,
    target,
    sender,
    address: str,
    explanation: str,
    law: str = "",
    email: str = "",
    wants_decision: bool = False,
    good_faith: bool,
) -> IllegalContentNotice:
    """``sender`` (a member, or an anonymous visitor at ``address``) tells staff that the
    public ``target`` is illegal. Anonymous senders give an e-mail address to hear back;
    signed-in ones hear by notification. Limited per member, or per address."""
    check_can_send_notice(sender, target)
    explanation = explanation.strip()
    errors = {}
    if not explanation:
        errors["explanation"] = _("Please explain why the content is illegal.")
    if not good_faith:
        errors["good_faith"] = _("Please confirm that your notice is accurate and in good faith.")
    signed_in = sender.is_authenticated
    email = "" if signed_in else email.strip()
    if wants_decision and not signed_in and not email:
        errors["email"] = _("Give an e-mail address to hear the decision.")
    if errors:
        raise ValidationError(errors)
    decision = ratelimit.hit(
        "moderation-notice",
        key=f"member:{sender.pk}" if signed_in else f"address:{address}",
        rate=settings.MODERATION_RATE_NOTICE,
    )
    if not decision.allowed:
        raise ValidationError(
            _("You have sent many notices in a short time. You can send another in %(seconds)s s.")
            % {"seconds": decision.retry_after},
            code="rate_limited",
            params={"retry_after": decision.retry_after},
        )
    notice = IllegalContentNotice(
        **recorded_about(target),
        sender=sender if signed_in else None,
        email=email,
        wants_decision=signed_in or wants_decision,
        explanation=explanation,
        law=" ".join(law.split()),
        good_faith=good_faith,
    )
    notice.full_clean()
    with transaction.atomic():
        notice.save()
        if signed_in:
            notifications.notice_received(notice)
        elif email:
            _mail_after_commit(notice)
    return notice


def notices_resolve(*, target, staff, resolution: NoticeResolution) -> int:
    """Close the open notices about ``target`` with the outcome of staff's decision and tell
    their senders who asked to hear it; returns how many."""
    notices = list(open_notices(target))
    now = timezone.now()
    for notice in notices:
        notice.resolved_at, notice.resolved_by, notice.resolution = now, staff, resolution
        notice.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        notice.target = target
        if notice.sender_id:
            notifications.notice_decided(notice, staff=staff)
        elif notice.email and notice.wants_decision:
            # The decision is the letter due now (the confirmation may not have gone yet:
            # the decision says the notice arrived as well).
            IllegalContentNotice.objects.filter(pk=notice.pk).update(
                mailed_at=None, mail_claimed_at=None, mail_attempts=0
            )
            _mail_after_commit(notice)
    return len(notices)


def _mail_after_commit(notice: IllegalContentNotice) -> None:
    transaction.on_commit(lambda: enqueue_safely(send_notice_email, notice.pk), robust=True)


@task()
def send_notice_email(notice_id: int) -> bool:
    """E-mail an anonymous sender the letter due about their notice (see NOTICE_OUTBOX)."""
    return notice_email_send(notice_id=notice_id)


@task()
def notice_emails_send_due_task() -> dict[str, int]:
    """Send the notice letters still due; with a worker, run again later
    (``manage.py send_notice_emails --schedule`` starts the chain)."""
    run = notice_emails_send_due()
    run_again_later(
        notice_emails_send_due_task, minutes=settings.NOTIFICATIONS_DIGEST_INTERVAL_MINUTES
    )
    return {"sent": run.sent, "skipped": run.skipped, "failed": run.failed}


def notice_emails_send_due(*, now=None) -> mail.MailRun:
    """Send every letter about a notice that is still due: one whose first try failed, or
    whose run died before sending (up to NOTIFICATIONS_EMAIL_MAX_ATTEMPTS tries each)."""
    due = (
        IllegalContentNotice.objects.exclude(email="")
        .filter(NOTICE_OUTBOX.sendable(now or timezone.now()))
        .values_list("pk", flat=True)
    )
    run = mail.MailRun()
    for notice_id in list(due):
        run = run.counted(
            mail.Outcome.SENT if notice_email_send(notice_id=notice_id) else mail.Outcome.FAILED
        )
    return run


def notice_email_send(*, notice_id: int) -> bool:
    """Claim and send the letter due about one notice; False when none was due or it failed
    (a failure is recorded on the notice)."""
    rows = IllegalContentNotice.objects.filter(pk=notice_id).exclude(email="")
    claimed = NOTICE_OUTBOX.claim(rows, now=timezone.now())
    if not claimed:
        return False
    notice = IllegalContentNotice.objects.get(pk=notice_id)
    # Sent to an address, never counted against anyone's budget: it answers a legal notice.
    outcome = mail.deliver(
        NOTICE_OUTBOX,
        claimed,
        lambda: notice_letter(notice),
        kind=MailKindKey.ACCOUNT,
        recipient_id=None,
        language=mail.recipient_language(),
    )
    return outcome == mail.Outcome.SENT


def notice_letter(notice: IllegalContentNotice) -> mail.Letter:
    """The letter due: the decision once staff decided, else the confirmation."""
    decided = notice.resolved_at is not None
    subject = (
        _("Decision on your notice about “%(item)s”")
        if decided
        else _("We received your notice about “%(item)s”")
    ) % {"item": notice.target_repr}
    return mail.Letter(
        to=notice.email,
        subject=subject,
        template="emails/notice",
        context={
            "notice": notice,
            "decided": decided,
            "transparency_url": mail.absolute(reverse("moderation:transparency")),
        },
    )
