"""Reads for notifications, follows and delivery settings."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from community.accounts.models import User

from .enums import DEFAULT_CHANNEL, Channel, FollowTarget, KindGroup, NotificationKind
from .models import Follow, Notification, NotificationPreference, NotificationSettings

logger = logging.getLogger(__name__)

UNREAD_CACHE_SECONDS = 60 * 60


def unread_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(*, user: User) -> int:
    """How many of the member's notifications are unread: one small query, then cached.

    Every write that changes the count (new notifications, marking read) deletes the cached
    value, so it is never stale. Without a working cache it counts every time.
    """

    def count() -> int:
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    try:
        return cache.get_or_set(unread_cache_key(user.pk), count, UNREAD_CACHE_SECONDS)
    except Exception:
        logger.exception("The cache failed; counting unread notifications directly")
        return count()


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
        )
        .order_by("-created_at", "-pk")
    )


def notification_of(*, user: User, pk: int) -> Notification:
    """One of the member's own notifications (another member's raises DoesNotExist)."""
    return Notification.objects.get(recipient=user, pk=pk)


def channels_for(*, user: User) -> dict[str, str]:
    """The member's delivery per group, defaults filled in."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("group", "channel"))
    return {group: chosen.get(group, DEFAULT_CHANNEL[group]) for group in KindGroup.values}


def settings_for(*, user: User) -> NotificationSettings:
    """The member's switches (unsaved defaults when they never changed any)."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(
        user=user, help_requests_per_week=settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK
    )


def deliveries_for(*, user_ids: list[int], group: str) -> dict[int, str]:
    """How a notification of ``group`` goes out to each of these members, in two queries.

    Members who paused all e-mail, and those without an address, get it on the site only.
    """
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, group=group).values_list(
            "user_id", "channel"
        )
    )
    paused = set(
        NotificationSettings.objects.filter(user_id__in=user_ids, email_paused=True).values_list(
            "user_id", flat=True
        )
    )
    default = DEFAULT_CHANNEL[group]
    return {
        user_id: Channel.ON_SITE if user_id in paused else chosen.get(user_id, default)
        for user_id in user_ids
    }


# SECTION follows


def is_following(*, user: User, target_type: str, target) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, **{target_type: target}).exists()


def followers_of(*, target_type: str, targets) -> QuerySet[User]:
    """The active members who follow any of ``targets`` (questions, products or tags)."""
    field = {
        FollowTarget.QUESTION: "question",
        FollowTarget.PRODUCT: "product",
        FollowTarget.TAG: "tag",
    }[target_type]
    follows = Follow.objects.filter(user=OuterRef("pk"), **{f"{field}__in": targets})
    return User.objects.filter(Exists(follows), is_active=True)


def follows_of(*, user: User) -> QuerySet[Follow]:
    """What the member follows, for their settings page."""
    return (
        Follow.objects.filter(user=user)
        .select_related("question", "product", "tag")
        .order_by("-created_at")
    )


# SECTION help requests


def help_request_candidates(*, product, exclude_ids: set[int], limit: int) -> list[User]:
    """Verified buyers of ``product`` to ask for help, in one query.

    Only those who opted in, who received fewer help requests in the last 7 days than their
    own weekly limit (and the site's), and who were asked least recently come first, so the
    requests spread over the buyers.
    """
    from shop.selectors import verified_buyers_of

    week_ago = timezone.now() - timedelta(days=7)
    site_cap = settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK
    help_kind = NotificationKind.HELP_REQUEST
    return list(
        verified_buyers_of(product=product)
        .filter(notification_settings__help_requests=True)
        .exclude(pk__in=exclude_ids)
        .annotate(
            recent_requests=Count(
                "notifications",
                filter=Q(notifications__kind=help_kind, notifications__created_at__gte=week_ago),
            ),
            last_request_at=Max(
                "notifications__created_at", filter=Q(notifications__kind=help_kind)
            ),
        )
        .filter(
            Q(recent_requests__lt=site_cap)
            & Q(recent_requests__lt=F("notification_settings__help_requests_per_week"))
        )
        .order_by(F("last_request_at").asc(nulls_first=True), "pk")[:limit]
    )
