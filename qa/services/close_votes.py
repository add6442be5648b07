"""Members with the close-votes privilege close a duplicate question together, without staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.accounts.permissions import check_can_participate
from community.common.transactions import save_once
from community.moderation.enums import ContentStatus
from community.reputation.enums import Privilege
from community.reputation.models import CloseVote
from community.reputation.privileges import check_has_privilege

from ..models import Question
from .questions import duplicate_original_check, question_close_by_community


@dataclass(frozen=True)
class CloseVoteOutcome:
    votes: int
    needed: int
    closed: bool


@transaction.atomic
def close_vote_cast(*, question: Question, voter: User, original: Question) -> CloseVoteOutcome:
    """``voter`` votes to close ``question`` as a duplicate of ``original``. When enough members
    named the same original, the question is closed."""
    check_can_participate(voter)
    check_has_privilege(voter, Privilege.CLOSE_VOTES)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status != ContentStatus.PUBLISHED:
        raise PermissionDenied(_("Only public questions can be closed."))
    if question.duplicate_of_id:
        raise PermissionDenied(_("This question is closed as a duplicate already."))
    if question.author_id == voter.pk:
        raise PermissionDenied(_("You cannot vote to close your own question."))
    duplicate_original_check(question=question, original=original)
    vote = CloseVote(question=question, original=original, voter=voter)
    if not save_once(vote):
        raise ValidationError(_("You voted to close this question already."))
    needed = settings.REPUTATION_CLOSE_VOTES_NEEDED
    voters = list(
        CloseVote.objects.filter(question=question, original=original)
        .order_by("created_at", "pk")
        .values_list("voter__username", flat=True)
    )
    if len(voters) < needed:
        return CloseVoteOutcome(votes=len(voters), needed=needed, closed=False)
    question_close_by_community(
        question=question,
        original=original,
        voter=voter,
        reason=_("Closed by the community's vote: %(names)s") % {"names": ", ".join(voters)},
    )
    return CloseVoteOutcome(votes=len(voters), needed=needed, closed=True)
