"""Every change to notifications, follows and delivery settings goes through these functions."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.accounts.permissions import check_can_participate
from community.common.models import save_checked

from . import registry, selectors, tasks
from .enums import DIGEST_CHANNELS, Channel, FollowReason, MailKindKey
from .mail import recipient_language
from .models import (
    Follow,
    MailPreference,
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from .unsubscribe import UNSUBSCRIBE_ALL

logger = logging.getLogger(__name__)


# SECTION notifying


def notify(
    *,
    kind: str,
    event_key: str,
    recipients: Iterable[User],
    actor: User | None = None,
    target=None,
    url: str,
    text: str | Callable[[], str],
) -> int:
    """Tell ``recipients`` about one event; returns how many notifications were made.

    ``text`` is either what the member wrote (a question's title) or, for the site's own
    sentences, a function that builds it: called once per language among the recipients,
    with that language active, so that each reads the bell (and its e-mail) in their own.

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
    texts = _texts_by_language(text, people.values())
    rows = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            actor_id=actor_id,
            target_type=target_type,
            target_id=target.pk if target is not None else None,
            url=url[:500],
            text=texts[recipient_language(user)],
            event_key=event_key[:100],
            delivery=deliveries[user_id] if user.email else Channel.ON_SITE,
        )
        for user_id, user in people.items()
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    send_now = any(row.delivery == Channel.IMMEDIATE for row in rows)
    # robust: whatever goes wrong after the commit is logged; the post is saved already.
    transaction.on_commit(
        partial(
            _after_notify, kind=kind, event_key=event_key, user_ids=list(people), send_now=send_now
        ),
        robust=True,
    )
    return len(rows)


def _texts_by_language(text, people) -> dict[str, str]:
    """The notification's text in each recipient's language, as stored (one line, 300
    characters at most)."""
    texts = {}
    for language in {recipient_language(user) for user in people}:
        if callable(text):
            with translation.override(language):
                texts[language] = str(text())
        else:
            texts[language] = str(text)
        texts[language] = Truncator(" ".join(texts[language].split())).chars(300)
    return texts


def _after_notify(*, kind: str, event_key: str, user_ids: list[int], send_now: bool) -> None:
    if send_now:
        tasks.enqueue_safely(tasks.send_notification_emails, kind, event_key)


# SECTION reading


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# SECTION delivery settings


@transaction.atomic
def notification_settings_save(
    *,
    user: User,
    channels: dict[str, str],
    email_paused: bool,
    help_requests_per_week: int,
    mail_kinds: dict[str, bool] | None = None,
    mail_weekly_cap: int | None = None,
) -> NotificationSettings:
    """Store the member's choices (the preference centre); what was still waiting for an
    e-mail follows them.

    ``mail_kinds`` switches kinds of e-mail on or off (those not named stay as they are);
    ``mail_weekly_cap`` is the member's own weekly limit (None: keep it).
    """
    cap = settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK
    if not 1 <= help_requests_per_week <= cap:
        raise ValidationError(
            _("Choose between 1 and %(cap)s requests a week.") % {"cap": cap},
            code="help_requests_per_week",
        )
    if mail_weekly_cap is not None and not 1 <= mail_weekly_cap <= settings.MAIL_WEEKLY_CAP:
        raise ValidationError(
            _("Choose between 1 and %(cap)s e-mails a week.") % {"cap": settings.MAIL_WEEKLY_CAP},
            code="mail_weekly_cap",
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
    for kind, enabled in (mail_kinds or {}).items():
        mail_preference_set(user=user, kind=kind, enabled=enabled)
    switches = _settings_row(user)
    switches.email_paused = email_paused
    switches.help_requests_per_week = help_requests_per_week
    if mail_weekly_cap is not None:
        # The site's number is kept as "no choice", so that raising it reaches the member.
        switches.mail_weekly_cap = (
            None if mail_weekly_cap == settings.MAIL_WEEKLY_CAP else mail_weekly_cap
        )
    save_checked(switches)
    if email_paused:
        _pending_to_site_only(user=user)
    return switches


def mail_preference_set(*, user: User, kind: str, enabled: bool) -> MailPreference:
    """Switch one kind of e-mail on or off for the member (essential mail has no switch).

    Switched off, the notifications still waiting to go out as that kind stay on the site.
    """
    try:
        mail_kind = registry.mail_kind(kind)
    except LookupError:
        raise ValidationError(
            _("Choose one of the listed options."), code="invalid_choice"
        ) from None
    if not mail_kind.switchable:
        raise ValidationError(_("This e-mail is always sent."), code="essential")
    preference, _created = MailPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"enabled": enabled}
    )
    if not enabled:
        if kind == MailKindKey.DIGEST:
            for channel in DIGEST_CHANNELS:
                _pending_to_site_only(user=user, channel=channel)
        elif kind == MailKindKey.NOTIFICATION:
            _pending_to_site_only(user=user, channel=Channel.IMMEDIATE)
        for group in mail_kind.notification_groups:
            _pending_to_site_only(user=user, kinds=registry.kinds_in(group))
    if mail_kind.switched is not None:
        mail_kind.switched(user, enabled)
    return preference


def mail_marketing_consent_record(*, user: User, consent: bool) -> None:
    """The member's answer at sign-up: every marketing-like kind of e-mail on or off."""
    for kind in registry.mail_kinds():
        if kind.marketing:
            mail_preference_set(user=user, kind=kind.key, enabled=consent)


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


@transaction.atomic
def email_unsubscribe(*, user: User, scope: str) -> None:
    """Turn off e-mail for ``scope``: everything but account mail, one group, one digest
    (daily/weekly) or one kind of e-mail.

    The notifications still appear on the site; the settings page turns e-mail on again.
    """
    if scope == UNSUBSCRIBE_ALL:
        switches = _settings_row(user)
        switches.email_paused = True
        switches.save(update_fields=["email_paused"])
        _pending_to_site_only(user=user)
        return
    if scope not in registry.group_keys() and scope not in DIGEST_CHANNELS:
        mail_preference_set(user=user, kind=scope, enabled=False)
        return
    if scope in DIGEST_CHANNELS:
        current = selectors.channels_for(user=user)
        groups = [group for group, channel in current.items() if channel == scope]
        _pending_to_site_only(user=user, channel=scope)
    else:
        groups = [scope]
        _pending_to_site_only(user=user, kinds=registry.kinds_in(scope))
        own_kind = registry.mail_kind_of_group(scope, otherwise="")
        if own_kind:
            # Whoever does not want these e-mails (help requests) does not want to be asked
            # at all: their own kind of e-mail is their switch.
            mail_preference_set(user=user, kind=own_kind, enabled=False)
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
