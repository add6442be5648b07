"""How far the community's vote to close a question as a duplicate has come."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from community.reputation.models import CloseVote

from ..models import Question


@dataclass(frozen=True)
class CloseVoteState:
    votes: int
    needed: int
    my_original_id: int | None


def close_vote_state(question: Question, *, viewer) -> CloseVoteState:
    """How many members voted to close ``question`` (for its most-named original) and what
    ``viewer`` voted for: one query."""
    votes = list(CloseVote.objects.filter(question=question).values_list("original_id", "voter_id"))
    per_original: dict[int, int] = {}
    for original_id, _voter_id in votes:
        per_original[original_id] = per_original.get(original_id, 0) + 1
    mine = next((o for o, v in votes if viewer.is_authenticated and v == viewer.pk), None)
    return CloseVoteState(
        votes=max(per_original.values(), default=0),
        needed=settings.REPUTATION_CLOSE_VOTES_NEEDED,
        my_original_id=mine,
    )
