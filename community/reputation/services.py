"""Every change to reputation and badges goes through these functions.

The services where points are earned (votes, accepts, official answers, promotion, helpful
marks, spam hides) call them inside their own transaction, so an event and the total on the
member move together: ``user.reputation`` always equals the sum of their active events.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from community.accounts.models import User
from community.common.transactions import save_once
from community.moderation.trust import has_standing

from .enums import Badge, EventKind
from .models import ReputationEvent, UserBadge
from .registry import event_kind


def points_for(kind: str) -> int:
    """The points an event of ``kind`` (a registered kind) is worth, from the settings."""
    return settings.REPUTATION_POINTS[event_kind(kind).value]


@transaction.atomic
def reputation_record(
    *,
    user: User,
    kind: str,
    source,
    actor: User | None = None,
    product_id: int | None = None,
) -> ReputationEvent | None:
    """Give ``user`` the points for ``kind`` about ``source``; nothing when it was their own
    doing, and nothing more when the same event is already on record.

    What a member without standing (``has_standing``) does for another earns nothing: their
    vote or helpful mark still counts in the score and their accepted answer stays accepted,
    but a handful of fresh accounts cannot vote or accept anyone up to a privilege. (Staff,
    who give the other points, always have standing.)"""
    if actor is not None and actor.pk == user.pk:
        return None
    registered = event_kind(kind)
    if actor is not None and not has_standing(actor):
        return None
    existing = _active_events(kind=kind, source=source, actor=actor).first()
    if existing is not None:
        return existing
    event = ReputationEvent(
        user=user,
        kind=registered.value,
        per_actor=registered.per_actor,
        points=points_for(kind),
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        product_id=product_id,
        actor=actor,
    )
    if not save_once(event):
        # A concurrent request recorded the same event first: that one counts.
        return _active_events(kind=kind, source=source, actor=actor).first()
    User.objects.filter(pk=user.pk).update(reputation=F("reputation") + event.points)
    return event


@transaction.atomic
def reputation_reverse(*, kind: str, source, actor: User | None = None) -> int:
    """Take back the points recorded for ``kind`` about ``source`` (by ``actor`` for votes and
    helpful marks); the event stays on record as reversed. Returns the points taken back."""
    events = list(_active_events(kind=kind, source=source, actor=actor).select_for_update())
    now = timezone.now()
    taken = 0
    for event in events:
        updated = ReputationEvent.objects.filter(pk=event.pk, reversed_at__isnull=True).update(
            reversed_at=now
        )
        if updated:
            User.objects.filter(pk=event.user_id).update(reputation=F("reputation") - event.points)
            taken += event.points
    return taken


def reputation_vote_apply(
    *,
    recipient: User,
    voter: User,
    source,
    old_value: int,
    new_value: int,
    up_kind: str,
    down_kind: str | None = None,
    product_id: int | None = None,
) -> None:
    """Move the author's reputation from what ``old_value`` earned to what ``new_value`` earns
    (votes are +1, 0 or -1); called by the vote service in its transaction."""
    if old_value == new_value:
        return
    kinds = {1: up_kind, -1: down_kind}
    if kinds.get(old_value):
        reputation_reverse(kind=kinds[old_value], source=source, actor=voter)
    if kinds.get(new_value):
        reputation_record(
            user=recipient, kind=kinds[new_value], source=source, actor=voter, product_id=product_id
        )


def reputation_spam_penalty(*, item, actor: User) -> ReputationEvent | None:
    """The author of ``item`` loses points because staff hid it as spam."""
    return reputation_record(
        user=item.author,
        kind=EventKind.HIDDEN_AS_SPAM,
        source=item,
        actor=actor,
        product_id=getattr(item, "product_id", None),
    )


def reputation_spam_penalty_lift(*, item) -> int:
    """``item`` was restored: the spam penalty, if there was one, is taken back."""
    return reputation_reverse(kind=EventKind.HIDDEN_AS_SPAM, source=item)


def _active_events(*, kind: str, source, actor: User | None):
    registered = event_kind(kind)
    events = ReputationEvent.objects.filter(
        kind=registered.value,
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        reversed_at__isnull=True,
    )
    if registered.per_actor:
        events = events.filter(actor=actor)
    return events


# SECTION recomputing


@dataclass(frozen=True)
class ReputationMismatch:
    user_id: int
    username: str
    stored: int
    computed: int


def reputation_recompute(*, fix: bool = False) -> list[ReputationMismatch]:
    """Every member whose stored reputation or badge count differs from their events and
    badges; with ``fix``, the stored numbers are set to what the records say."""
    users = User.objects.annotate(
        computed=Coalesce(
            Sum("reputation_events__points", filter=Q(reputation_events__reversed_at__isnull=True)),
            0,
        )
    ).exclude(reputation=F("computed"))
    mismatches = [
        ReputationMismatch(
            user_id=user.pk, username=user.username, stored=user.reputation, computed=user.computed
        )
        for user in users.only("pk", "username", "reputation")
    ]
    if fix:
        with transaction.atomic():
            for mismatch in mismatches:
                User.objects.filter(pk=mismatch.user_id).update(reputation=mismatch.computed)
            _badge_counts_fix()
    return mismatches


def _badge_counts_fix() -> None:
    for user in User.objects.annotate(earned=Count("badges")).exclude(badge_count=F("earned")):
        User.objects.filter(pk=user.pk).update(badge_count=user.earned)


# SECTION badges


@transaction.atomic
def badge_award(*, user: User, badge: Badge, product_id: int | None = None) -> UserBadge | None:
    """Give ``user`` the badge once (per product for product badges); None when they had it."""
    existing = UserBadge.objects.filter(user=user, badge=badge, product_id=product_id)
    if existing.exists():
        return None
    awarded = UserBadge(user=user, badge=Badge(badge), product_id=product_id)
    if not save_once(awarded):
        return None  # awarded by a concurrent request
    User.objects.filter(pk=user.pk).update(badge_count=F("badge_count") + 1)
    return awarded
