"""Every change to notifications, follows and delivery settings goes through these functions."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.accounts.permissions import check_can_participate
from community.moderation.enums import ContentStatus

from . import emails, registry, selectors
from .enums import DIGEST_CHANNELS, Channel, FollowReason, KindGroup, NotificationKind
from .models import Follow, Notification, NotificationPreference, NotificationSettings

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "community.notifications.unsubscribe"
# A one-click unsubscribe names what it turns off: every e-mail, one group, or one digest.
UNSUBSCRIBE_ALL = "all"
# A digest goes out at a run at least this long after the previous one; the hour of slack
# keeps a daily cron job from skipping a day when one run starts a little earlier.
DIGEST_INTERVALS = {
    Channel.DAILY: timedelta(days=1) - timedelta(hours=1),
    Channel.WEEKLY: timedelta(days=7) - timedelta(hours=1),
}
DIGEST_CLAIM_FIELDS = {Channel.DAILY: "daily_digest_at", Channel.WEEKLY: "weekly_digest_at"}


def unsubscribe_scopes() -> frozenset[str]:
    """Every scope a one-click unsubscribe can name (the groups are registered at start-up)."""
    return frozenset({UNSUBSCRIBE_ALL, *registry.group_keys(), *DIGEST_CHANNELS})


# SECTION notifying


def notify(
    *,
    kind: str,
    event_key: str,
    recipients: Iterable[User],
    actor: User | None = None,
    target=None,
    url: str,
    text: str,
) -> int:
    """Tell ``recipients`` about one event; returns how many notifications were made.

    The actor never hears of their own action, inactive members hear nothing, and a member
    who already has this (kind, event) gets nothing new. One bulk insert, however many
    recipients; the e-mails to send at once go to ONE background task after the commit.
    """
    actor_id = actor.pk if actor is not None else None
    people = {
        user.pk: user for user in recipients if user.is_active and user.pk != actor_id and user.pk
    }
    if not people:
        return 0
    deliveries = selectors.deliveries_for(user_ids=list(people), group=registry.kind(kind).group)
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    text = Truncator(" ".join(str(text).split())).chars(300)
    rows = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            actor_id=actor_id,
            target_type=target_type,
            target_id=target.pk if target is not None else None,
            url=url[:500],
            text=text,
            event_key=event_key[:100],
            delivery=deliveries[user_id] if user.email else Channel.ON_SITE,
        )
        for user_id, user in people.items()
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    # Forget the cached unread counts now and again after the commit: a page rendered in
    # between may have cached the old count.
    _forget_unread_counts(list(people))
    send_now = any(row.delivery == Channel.IMMEDIATE for row in rows)
    # robust: whatever goes wrong after the commit is logged; the post is saved already.
    transaction.on_commit(
        partial(
            _after_notify, kind=kind, event_key=event_key, user_ids=list(people), send_now=send_now
        ),
        robust=True,
    )
    return len(rows)


def _forget_unread_counts(user_ids: list[int]) -> None:
    """Drop cached bell counts; a cache that is down must not undo the post (the bell then
    counts without the cache, see ``selectors.unread_count``)."""
    try:
        cache.delete_many([selectors.unread_cache_key(user_id) for user_id in user_ids])
    except Exception:
        logger.exception("Could not forget the unread counts of %s", user_ids)


def _after_notify(*, kind: str, event_key: str, user_ids: list[int], send_now: bool) -> None:
    _forget_unread_counts(user_ids)
    if send_now:
        from .tasks import send_notification_emails

        enqueue_safely(send_notification_emails, kind, event_key)


def enqueue_safely(task, *args, **kwargs) -> None:
    """Hand work to the task backend; a failure is logged and never reaches the request.

    The in-process backend runs the task right here (and records its errors itself); a
    backend that is down must not turn a saved answer into an error page either.
    """
    try:
        task.enqueue(*args, **kwargs)
    except Exception:
        logger.exception("Could not enqueue %s%r", task.name, args)


# SECTION reading


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        _forget_unread_counts([notification.recipient_id])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _forget_unread_counts([user.pk])
    return count


# SECTION delivery settings


@transaction.atomic
def notification_settings_save(
    *,
    user: User,
    channels: dict[str, str],
    email_paused: bool,
    help_requests: bool,
    help_requests_per_week: int,
) -> NotificationSettings:
    """Store the member's choices; what was still waiting for an e-mail follows them."""
    cap = settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK
    if not 1 <= help_requests_per_week <= cap:
        raise ValidationError(
            _("Choose between 1 and %(cap)s requests a week.") % {"cap": cap},
            code="help_requests_per_week",
        )
    for group, channel in channels.items():
        if group not in registry.group_keys() or channel not in Channel.values:
            raise ValidationError(_("Choose one of the listed options."), code="invalid_choice")
    for group, channel in channels.items():
        NotificationPreference.objects.update_or_create(
            user=user, group=group, defaults={"channel": channel}
        )
        if channel == Channel.ON_SITE:
            _pending_to_site_only(user=user, kinds=registry.kinds_in(group))
    switches = _settings_row(user)
    switches.email_paused = email_paused
    switches.help_requests = help_requests
    switches.help_requests_per_week = help_requests_per_week
    switches.full_clean()
    switches.save()
    if email_paused:
        _pending_to_site_only(user=user)
    return switches


def _settings_row(user: User) -> NotificationSettings:
    try:
        with transaction.atomic():
            switches, _created = NotificationSettings.objects.get_or_create(
                user=user,
                defaults={"help_requests_per_week": settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK},
            )
    except IntegrityError:  # made by a parallel request
        switches = NotificationSettings.objects.get(user=user)
    return switches


def _pending_to_site_only(*, user: User, kinds: list[str] | None = None, channel: str = "") -> None:
    """Notifications that still wait for an e-mail will not get one after all."""
    pending = Notification.objects.filter(recipient=user, emailed_at__isnull=True).exclude(
        delivery=Channel.ON_SITE
    )
    if kinds is not None:
        pending = pending.filter(kind__in=kinds)
    if channel:
        pending = pending.filter(delivery=channel)
    pending.update(delivery=Channel.ON_SITE)


def unsubscribe_token(*, user: User, scope: str) -> str:
    """A signed, non-expiring token that turns off one kind of e-mail (or all) for ``user``."""
    if scope not in unsubscribe_scopes():
        raise ValueError(f"Not something one can unsubscribe from: {scope!r}")
    return signing.dumps({"user": user.pk, "scope": scope}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_target(token: str) -> tuple[User, str]:
    """The member and scope a token names; raises signing.BadSignature if it was tampered with
    (or names nobody)."""
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(payload, dict) or payload.get("scope") not in unsubscribe_scopes():
        raise signing.BadSignature("Unknown unsubscribe scope.")
    user = User.objects.filter(pk=payload.get("user")).first()
    if user is None:
        raise signing.BadSignature("The member is gone.")
    return user, payload["scope"]


@transaction.atomic
def email_unsubscribe(*, user: User, scope: str) -> None:
    """Turn off e-mail for ``scope``: everything, one group, or one digest (daily/weekly).

    The notifications still appear on the site; the settings page turns e-mail on again.
    """
    if scope == UNSUBSCRIBE_ALL:
        switches = _settings_row(user)
        switches.email_paused = True
        switches.save(update_fields=["email_paused"])
        _pending_to_site_only(user=user)
        return
    if scope in DIGEST_CHANNELS:
        current = selectors.channels_for(user=user)
        groups = [group for group, channel in current.items() if channel == scope]
        _pending_to_site_only(user=user, channel=scope)
    else:
        groups = [scope]
        _pending_to_site_only(user=user, kinds=registry.kinds_in(scope))
        if scope == KindGroup.HELP_REQUESTS:
            # Whoever does not want these e-mails does not want to be asked at all.
            NotificationSettings.objects.filter(user=user).update(help_requests=False)
    for group in groups:
        NotificationPreference.objects.update_or_create(
            user=user, group=group, defaults={"channel": Channel.ON_SITE}
        )


# SECTION follows


def follow_add(*, user: User, target, reason: str = FollowReason.CHOSEN) -> Follow:
    """Follow ``target`` (anything an app registered as followable); following twice changes
    nothing (the first reason stays)."""
    check_can_participate(user)
    followable = registry.follow_target_of(target)
    if followable.check_can_see is not None:
        followable.check_can_see(user, target)
    lookup = {"user": user, "target_type": followable.key, "target_id": target.pk}
    try:
        with transaction.atomic():
            follow, _created = Follow.objects.get_or_create(**lookup, defaults={"reason": reason})
    except IntegrityError:  # followed in a parallel request
        follow = Follow.objects.get(**lookup)
    return follow


def follow_remove(*, user: User, target) -> None:
    """Stop following ``target`` (also one that is hidden by now)."""
    check_can_participate(user)
    followable = registry.follow_target_of(target)
    Follow.objects.filter(user=user, target_type=followable.key, target_id=target.pk).delete()


def follows_move(*, target_type: str, from_id: int, to_id: int) -> None:
    """Move the follows of one target to another (merged topics); whoever followed both
    keeps the follow they had of the other."""
    following_already = Follow.objects.filter(target_type=target_type, target_id=to_id).values(
        "user_id"
    )
    Follow.objects.filter(target_type=target_type, target_id=from_id).exclude(
        user_id__in=following_already
    ).update(target_id=to_id)


def follows_mark_notified(*, target_type: str, targets, user_ids, item_id: int) -> None:
    """Record that these followers of ``targets`` were told about item ``item_id``."""
    if user_ids:
        Follow.objects.filter(
            target_type=target_type, target_id__in=targets, user_id__in=user_ids
        ).update(last_notified_id=item_id)


# SECTION e-mail


def notification_emails_send(*, kind: str, event_key: str) -> int:
    """E-mail the not yet e-mailed notifications of one event that go out at once.

    Each is claimed (UPDATE ... WHERE emailed_at IS NULL) before it is sent, so two tasks
    never send the same one; a failed send clears the claim and counts the attempt, and a
    later task or ``send_digests`` tries again. Returns how many were sent.
    """
    pending = Notification.objects.filter(
        kind=kind,
        event_key=event_key,
        delivery=Channel.IMMEDIATE,
        emailed_at__isnull=True,
        email_attempts__lt=settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS,
    )
    return _send_each(pending)


def notification_emails_retry() -> int:
    """Try again the immediate e-mails that failed lately (``send_digests`` runs this)."""
    since = timezone.now() - timedelta(hours=settings.NOTIFICATIONS_EMAIL_RETRY_HOURS)
    pending = Notification.objects.filter(
        delivery=Channel.IMMEDIATE,
        emailed_at__isnull=True,
        email_attempts__gt=0,
        email_attempts__lt=settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS,
        created_at__gte=since,
    )
    return _send_each(pending)


class EmailSendFailed(Exception):
    """Some notification e-mails could not be sent; they stay pending for another try."""


def _send_each(pending) -> int:
    sent = failed = 0
    connection = get_connection()
    for notification in (
        pending.select_related("recipient", "actor").prefetch_related("target").order_by("pk")
    ):
        if not _claim(notification):
            continue
        if notification.read_at is not None or not _still_public(notification):
            continue  # seen on the site already, or hidden since: no e-mail
        try:
            emails.notification_message(notification, connection=connection).send()
        except Exception:
            logger.exception("Notification e-mail %s failed", notification.pk)
            Notification.objects.filter(pk=notification.pk).update(
                emailed_at=None, email_attempts=F("email_attempts") + 1
            )
            failed += 1
        else:
            sent += 1
    if failed:
        raise EmailSendFailed(f"{failed} notification e-mails failed; {sent} were sent.")
    return sent


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


def _claim(notification: Notification) -> bool:
    now = timezone.now()
    # The delivery must still be what it was when read: a member who switched this e-mail
    # off (or unsubscribed) a moment ago gets none.
    claimed = Notification.objects.filter(
        pk=notification.pk, emailed_at__isnull=True, delivery=notification.delivery
    ).update(emailed_at=now)
    notification.emailed_at = now
    return bool(claimed)


# SECTION digests


def digests_send_due(*, now: datetime | None = None) -> int:
    """Send each member's daily and weekly digest that is due; returns how many went out.

    A member's digest is claimed by moving their ``*_digest_at`` forward with a conditional
    UPDATE before anything is sent, so two overlapping runs never send two digests.
    """
    now = now or timezone.now()
    sent = 0
    for period in DIGEST_CHANNELS:
        recipient_ids = (
            Notification.objects.filter(
                delivery=period, emailed_at__isnull=True, created_at__lte=now
            )
            .values_list("recipient_id", flat=True)
            .distinct()
            .order_by()
        )
        for recipient_id in list(recipient_ids):
            sent += _digest_send(recipient_id=recipient_id, period=period, now=now)
    return sent


def _digest_send(*, recipient_id: int, period: str, now: datetime) -> int:
    field = DIGEST_CLAIM_FIELDS[period]
    recipient = User.objects.get(pk=recipient_id)
    switches = _settings_row(recipient)
    previous = getattr(switches, field)
    due = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": now - DIGEST_INTERVALS[period]})
    if not NotificationSettings.objects.filter(due, pk=switches.pk).update(**{field: now}):
        return 0  # not due yet, or another run claimed it a moment ago
    items = list(
        Notification.objects.filter(
            recipient_id=recipient_id, delivery=period, emailed_at__isnull=True, created_at__lte=now
        )
        .select_related("actor")
        .prefetch_related("target")
        .order_by("kind", "-created_at")
    )
    Notification.objects.filter(pk__in=[item.pk for item in items]).update(emailed_at=now)
    unread = [item for item in items if item.read_at is None and _still_public(item)]
    if not unread or not recipient.email or not recipient.is_active:
        return 0
    try:
        emails.digest_message(recipient=recipient, notifications=unread, period=period).send()
    except Exception:
        logger.exception("Digest for member %s failed", recipient_id)
        # Give the claim back so the next run sends it.
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(
            emailed_at=None, email_attempts=F("email_attempts") + 1
        )
        NotificationSettings.objects.filter(pk=switches.pk, **{field: now}).update(
            **{field: previous}
        )
        return 0
    return 1


def notification_emails_retry_safely() -> int:
    """Retry failed e-mails; those failing again stay pending (logged), not raised."""
    try:
        return notification_emails_retry()
    except EmailSendFailed:
        logger.warning("Some notification e-mails failed again; they stay pending.")
        return 0
