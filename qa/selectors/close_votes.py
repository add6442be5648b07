"""How far the community's vote to close a question as a duplicate has come."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from community.reputation.models import CloseVote

from ..models import Question


@dataclass(frozen=True)
class CloseVoteState:
    votes: int
    needed: int
    my_original_id: int | None


def close_votes_on(question: Question) -> QuerySet[CloseVote]:
    return CloseVote.objects.filter(question=question).order_by()


def close_vote_state(votes: list[tuple[int, int]], *, viewer) -> CloseVoteState:
    """How many members voted to close a question (for its most-named original) and what
    ``viewer`` voted for, from its votes as (original id, voter id) pairs."""
    per_original: dict[int, int] = {}
    for original_id, _voter_id in votes:
        per_original[original_id] = per_original.get(original_id, 0) + 1
    mine = next((o for o, v in votes if viewer.is_authenticated and v == viewer.pk), None)
    return CloseVoteState(
        votes=max(per_original.values(), default=0),
        needed=settings.REPUTATION_CLOSE_VOTES_NEEDED,
        my_original_id=mine,
    )
