"""What qa holds about a member, for their download and for erasing their account.

Their questions, answers, comments and reviews stay when the account is erased (shown as by
"Former member"; removed through moderation's delete path when the member asks), and so do
their votes: they are what the scores are made of, and no longer say who gave them. Review
invitations are sent by e-mail address: theirs are unlinked from it.
"""

from community.accounts.personal_data import Erasure, register_personal_data

from . import models

POST_FIELDS = ("id", "status", "body", "created_at")


def questions(user):
    return models.Question.objects.filter(author=user).values(
        *POST_FIELDS, "title", "product__title", "phase"
    )


def answers(user):
    return models.Answer.objects.filter(author=user).values(
        *POST_FIELDS, "question_id", "question__title"
    )


def comments(user):
    return models.Comment.objects.filter(author=user).values(
        *POST_FIELDS, "question_id", "answer_id"
    )


def votes(user):
    return [
        *models.QuestionVote.objects.filter(voter=user).values(
            "question_id", "value", "created_at"
        ),
        *models.AnswerVote.objects.filter(voter=user).values("answer_id", "value", "created_at"),
        *models.ReviewHelpfulVote.objects.filter(voter=user).values("review_id", "created_at"),
    ]


def reviews(user):
    return models.Review.objects.filter(author=user).values(
        *POST_FIELDS, "title", "rating", "pros", "cons", "product__title"
    )


def review_replies(user):
    return models.ReviewReply.objects.filter(author=user).values(
        "id", "review_id", "body", "created_at"
    )


def suggested_edits(user):
    return models.SuggestedEdit.objects.filter(suggester=user).values(
        "id", "title", "body", "summary", "status", "created_at"
    )


def review_invitations_erase(erasure: Erasure) -> None:
    """Invitations already sent stay settled (so that none goes again) but name no address;
    the member's opt-outs go with the addresses they were about."""
    models.ReviewInvitation.objects.filter(email__in=erasure.addresses).update(
        email=erasure.placeholder_email
    )
    models.ReviewInvitationOptOut.objects.filter(email__in=erasure.addresses).delete()


def register() -> None:
    register_personal_data("questions", export=questions)
    register_personal_data("answers", export=answers)
    register_personal_data("comments", export=comments)
    register_personal_data("votes", export=votes)
    register_personal_data("reviews", export=reviews)
    register_personal_data("review_replies", export=review_replies)
    register_personal_data("suggested_edits", export=suggested_edits)
    register_personal_data("review_invitations", erase=review_invitations_erase)
