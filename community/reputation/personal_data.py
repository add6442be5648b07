"""Reputation's part of a member's data: their points' history, badges and close votes.

They stay when the account is erased: the events are what others' votes gave, and the
leaderboard and profiles leave out accounts that are gone (they are not active)."""

from community.accounts.personal_data import register_personal_data

from .models import CloseVote, ReputationEvent, UserBadge


def reputation_events(user):
    return ReputationEvent.objects.filter(user=user).values(
        "id", "kind", "points", "source_type__model", "source_id", "created_at"
    )


def badges(user):
    return UserBadge.objects.filter(user=user).values("badge", "awarded_at")


def close_votes(user):
    return CloseVote.objects.filter(voter=user).values("question_id", "original_id", "created_at")


def register() -> None:
    register_personal_data("reputation_events", export=reputation_events)
    register_personal_data("badges", export=badges)
    register_personal_data("close_votes", export=close_votes)
