"""Reads for notifications, follows and delivery settings."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from community.accounts.models import User

from . import registry
from .enums import DIGEST_CHANNELS, Channel, MailKindKey
from .models import (
    Follow,
    MailPreference,
    Notification,
    NotificationPreference,
    NotificationSettings,
)


def unread_count(*, user: User) -> int:
    """How many of the member's notifications are unread (one small query on a partial
    index). Pages read it with the rest of the member's summary
    (``community.accounts.member_summary``)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(*, user: User) -> QuerySet[Notification]:
    """The member's notifications, newest first; each row carries what the list shows."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("actor")
        .only(
            "pk",
            "kind",
            "url",
            "text",
            "created_at",
            "read_at",
            "actor__id",
            "actor__username",
            "actor__display_name",
            "actor__erased_at",
        )
        .order_by("-created_at", "-pk")
    )


def notification_of(*, user: User, pk: int) -> Notification:
    """One of the member's own notifications (another member's raises DoesNotExist)."""
    return Notification.objects.get(recipient=user, pk=pk)


def channels_for(*, user: User) -> dict[str, str]:
    """The member's delivery per group, defaults filled in."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("group", "channel"))
    return {group.key: chosen.get(group.key, group.default_channel) for group in registry.groups()}


def settings_for(*, user: User) -> NotificationSettings:
    """The member's switches (unsaved defaults when they never changed any)."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(
        user=user, help_requests_per_week=settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK
    )


def deliveries_for(*, user_ids: list[int], group: str) -> dict[int, str]:
    """How a notification of ``group`` goes out to each of these members, in three small
    queries (plain ones: cheaper to build than one with subqueries).

    Members who paused all e-mail, who switched off the kind of e-mail it would go out as
    (single notification e-mails, or digests), and those without an address, get it on the
    site only.
    """
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, group=group).values_list(
            "user_id", "channel"
        )
    )
    single_kind = registry.mail_kind_of_group(group, otherwise=MailKindKey.NOTIFICATION)
    paused_ids = set(
        NotificationSettings.objects.filter(user_id__in=user_ids, email_paused=True).values_list(
            "user_id", flat=True
        )
    )
    switched: dict[int, dict[str, bool]] = {}
    for user_id, kind, enabled in MailPreference.objects.filter(
        user_id__in=user_ids, kind__in=(single_kind, MailKindKey.DIGEST)
    ).values_list("user_id", "kind", "enabled"):
        switched.setdefault(user_id, {})[kind] = enabled
    default = registry.group(group).default_channel

    def delivery(user_id: int) -> str:
        channel = chosen.get(user_id, default)
        if user_id in paused_ids or channel == Channel.ON_SITE:
            return Channel.ON_SITE
        kind = MailKindKey.DIGEST if channel in DIGEST_CHANNELS else single_kind
        wanted = switched.get(user_id, {}).get(kind)
        if wanted is None:
            wanted = mail_kind_default(registry.mail_kind(kind))
        return channel if wanted else Channel.ON_SITE

    return {user_id: delivery(user_id) for user_id in user_ids}


# SECTION e-mail kinds


def mail_kind_default(kind: registry.MailKind) -> bool:
    """Whether ``kind`` is on for a member who never chose: marketing-like mail is off where
    the site requires consent for it."""
    if kind.marketing and settings.MAIL_MARKETING_REQUIRES_CONSENT:
        return False
    return kind.default


def mail_kinds_for(*, user: User) -> list[registry.MailKind]:
    """The kinds of e-mail the member's preference centre lists (staff mail for staff)."""
    return [kind for kind in registry.mail_kinds() if not kind.for_staff or user.is_staff]


def mail_choices_for(*, user: User) -> dict[str, bool]:
    """Whether the member receives each switchable kind of e-mail, defaults filled in."""
    chosen = dict(MailPreference.objects.filter(user=user).values_list("kind", "enabled"))
    return {
        kind.key: chosen.get(kind.key, mail_kind_default(kind))
        for kind in mail_kinds_for(user=user)
        if kind.switchable
    }


def mail_wanted(*, user_id: int, kind: str, switches: NotificationSettings | None = None) -> bool:
    """Whether the member receives an e-mail of ``kind`` now: essential mail always; other
    mail unless they paused all e-mail or switched the kind off. ``switches``: their
    settings row when the caller has just read it."""
    mail_kind = registry.mail_kind(kind)
    if mail_kind.essential:
        return True
    if switches is not None:
        if switches.email_paused:
            return False
    elif NotificationSettings.objects.filter(user_id=user_id, email_paused=True).exists():
        return False
    chosen = (
        MailPreference.objects.filter(user_id=user_id, kind=kind)
        .values_list("enabled", flat=True)
        .first()
    )
    return mail_kind_default(mail_kind) if chosen is None else chosen


def wanting_mail_kind(kind: str) -> Q:
    """A filter on members: those who receive ``kind`` (for the apps that pick recipients,
    e.g. the buyers to ask for help)."""
    on = Exists(MailPreference.objects.filter(user=OuterRef("pk"), kind=kind, enabled=True))
    if mail_kind_default(registry.mail_kind(kind)):
        return Q(on) | ~Exists(MailPreference.objects.filter(user=OuterRef("pk"), kind=kind))
    return Q(on)


# SECTION follows


def is_following(*, user: User, target) -> bool:
    if not user.is_authenticated:
        return False
    return follow_of(user=user, target=target).exists()


def follow_of(*, user: User, target) -> QuerySet[Follow]:
    """``user``'s follow of ``target`` (a registered follow target): one row or none."""
    return Follow.objects.filter(
        user=user, target_type=registry.follow_target_of(target).key, target_id=target.pk
    )


def followers_of(*, target_type: str, targets) -> QuerySet[User]:
    """The active members who follow any of ``targets`` (ids of one registered target type)."""
    follows = Follow.objects.filter(target_type=target_type, target_id__in=targets)
    # Most posts have no followers: one small query says so, without the members' query.
    if not follows.exists():
        return User.objects.none()
    return User.objects.filter(Exists(follows.filter(user=OuterRef("pk"))), is_active=True)


@dataclass(frozen=True)
class FollowListed:
    """One follow as the settings page lists it."""

    label: str
    title: str
    url: str


def follows_of(*, user: User) -> list[FollowListed]:
    """What the member follows, newest first, for their settings page: the kinds of target
    that registered a settings label, each kind's targets read in one query."""
    listed = {target.key: target for target in registry.follow_targets() if target.settings_label}
    follows = list(
        Follow.objects.filter(user=user, target_type__in=listed)
        .only("target_type", "target_id")
        .order_by("-created_at", "-pk")
    )
    ids_by_type: dict[str, list[int]] = {}
    for follow in follows:
        ids_by_type.setdefault(follow.target_type, []).append(follow.target_id)
    found = {
        (key, item.pk): item
        for key, ids in ids_by_type.items()
        for item in listed[key].model._default_manager.filter(pk__in=ids)
    }
    rows = []
    for follow in follows:
        item = found.get((follow.target_type, follow.target_id))
        if item is not None:
            target = listed[follow.target_type]
            rows.append(
                FollowListed(label=target.settings_label, title=str(item), url=target.url(item))
            )
    return rows
