"""Reads for profiles and the leaderboard, each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from community.accounts.models import User
from community.accounts.permissions import is_community_staff
from community.moderation.enums import ContentStatus

from .models import ReputationEvent, UserBadge

LEADERBOARD_SIZE = 20


def profile_user_get(username: str) -> User:
    """An active member by username; raises User.DoesNotExist for unknown or inactive ones."""
    return User.objects.get(username=username, is_active=True)


def user_badges(user: User) -> QuerySet[UserBadge]:
    return UserBadge.objects.filter(user=user).select_related("product").order_by("-awarded_at")


def reputation_events_for(user: User, *, limit: int = 20) -> QuerySet[ReputationEvent]:
    """The member's latest events, reversed ones included, so they can see what moved."""
    return ReputationEvent.objects.filter(user=user).select_related("product")[:limit]


def profile_visibility(viewer, owner: User) -> Q:
    """Which of ``owner``'s posts ``viewer`` sees in a profile tab: others see what is
    published; the owner and staff also what is held or hidden (never what was deleted).
    For the selectors apps register as profile tabs."""
    if is_community_staff(viewer) or (viewer.is_authenticated and viewer.pk == owner.pk):
        return ~Q(status=ContentStatus.DELETED)
    return Q(status=ContentStatus.PUBLISHED)


def profile_posts(model, owner: User, *, viewer):
    """``owner``'s posts of one kind (``model``, with an author and a status) that
    ``viewer`` sees in a profile tab, newest first."""
    return model.objects.filter(profile_visibility(viewer, owner), author=owner).order_by(
        "-created_at", "-pk"
    )


# SECTION leaderboard


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    member: User
    points: int


def month_start(now: datetime | None = None) -> datetime:
    now = timezone.localtime(now or timezone.now())
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _helpers() -> QuerySet[User]:
    # Staff answer as the shop; the leaderboard thanks the customers who help each other.
    return User.objects.filter(is_active=True, is_staff=False)


def leaderboard(
    *, since: datetime | None = None, product_id: int | None = None, limit: int = LEADERBOARD_SIZE
) -> list[LeaderboardRow]:
    """Top helpers by points: all time from the stored totals (one query); for a month or a
    product by adding up their active events (two queries)."""
    if since is None and product_id is None:
        members = _helpers().filter(reputation__gt=0).order_by("-reputation", "username")[:limit]
        return [
            LeaderboardRow(rank=rank, member=member, points=member.reputation)
            for rank, member in enumerate(members, start=1)
        ]
    events = ReputationEvent.objects.filter(reversed_at__isnull=True, user__in=_helpers())
    if since is not None:
        events = events.filter(created_at__gte=since)
    if product_id is not None:
        events = events.filter(product_id=product_id)
    totals = list(
        events.values("user_id")
        .annotate(points=Sum("points"))
        .filter(points__gt=0)
        .order_by("-points", "user_id")[:limit]
    )
    members = User.objects.in_bulk([row["user_id"] for row in totals])
    return [
        LeaderboardRow(rank=rank, member=members[row["user_id"]], points=row["points"])
        for rank, row in enumerate(totals, start=1)
    ]


def leaderboard_products() -> QuerySet:
    """Products someone earned points on, for the leaderboard's product filter."""
    # The product model is whatever the event's product link points to (the catalogue's).
    product_model = ReputationEvent._meta.get_field("product").related_model
    return (
        product_model.objects.live()
        .filter(pk__in=ReputationEvent.objects.filter(product__isnull=False).values("product_id"))
        .order_by("title")
        .only("pk", "title")
    )
