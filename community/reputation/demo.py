"""Demo reputation for `manage.py seed_demo`, run after every other seeder.

Nothing is typed in: the points and badges were recorded by the services the other seeders
called (votes, accepts, official answers, the promotion, helpful marks). Those seeders then
moved their votes and answers into the past; this dates each event at the moment of what
earned it, so "this month" on the leaderboard differs from "all time", and checks that
every stored total equals its events. Running it again sets the same dates.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from qa.reputation import QaEventKind

from .models import ReputationEvent
from .services import reputation_recompute

# Dated like the answer they reward (the demo does not keep when those happened); anything
# else, such as a spam penalty from the moderation demo, keeps the moment it was recorded.
ANSWER_MILESTONES = (
    QaEventKind.ANSWER_ACCEPTED,
    QaEventKind.ANSWER_OFFICIAL,
    QaEventKind.ANSWER_PROMOTED,
)


@transaction.atomic
def seed(stdout) -> None:
    from qa.models import Answer, AnswerVote, Question, QuestionVote, Review, ReviewHelpfulVote

    voted_at = {
        (Question, QaEventKind.QUESTION_UPVOTED): _vote_times(QuestionVote, "question_id"),
        (Answer, QaEventKind.ANSWER_UPVOTED): _vote_times(AnswerVote, "answer_id"),
        (Answer, QaEventKind.ANSWER_DOWNVOTED): _vote_times(AnswerVote, "answer_id"),
        (Review, QaEventKind.REVIEW_HELPFUL): _vote_times(ReviewHelpfulVote, "review_id"),
    }
    answered_at = dict(Answer.objects.values_list("pk", "created_at"))
    models = {
        ContentType.objects.get_for_model(model).pk: model for model in (Question, Answer, Review)
    }
    dated = 0
    for event in ReputationEvent.objects.filter(reversed_at__isnull=True):
        model = models.get(event.source_type_id)
        times = voted_at.get((model, event.kind))
        when = (
            times.get((event.source_id, event.actor_id))
            if times is not None
            else answered_at.get(event.source_id)
            if model is Answer and event.kind in ANSWER_MILESTONES
            else None
        )
        if when is not None and when != event.created_at:
            ReputationEvent.objects.filter(pk=event.pk).update(created_at=when)
            dated += 1
    mismatches = reputation_recompute()
    stdout.write(
        f"Demo reputation: {dated} events dated to what earned them; "
        + (
            "every total matches its events."
            if not mismatches
            else f"{len(mismatches)} totals differ from their events (run reputation_recompute)."
        )
    )


def _vote_times(vote_model, target_field: str) -> dict:
    return {
        (target_id, voter_id): created_at
        for target_id, voter_id, created_at in vote_model.objects.values_list(
            target_field, "voter_id", "created_at"
        )
    }
