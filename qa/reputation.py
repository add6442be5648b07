"""Q&A's part in reputation: the reasons its content earns or costs points, registered with
``community.reputation`` when the app is ready, and the badges its answers and reviews earn."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.accounts.models import User
from community.moderation.enums import ContentStatus
from community.reputation.enums import Badge
from community.reputation.models import ReputationEvent, UserBadge
from community.reputation.registry import register_event_kinds
from community.reputation.services import badge_award, reputation_record

from .models import Answer


class QaEventKind(models.TextChoices):
    """Why Q&A moved a member's reputation; the value is the key into
    ``REPUTATION_POINTS``."""

    QUESTION_UPVOTED = "question_upvoted", _("Question voted up")
    ANSWER_UPVOTED = "answer_upvoted", _("Answer voted up")
    ANSWER_DOWNVOTED = "answer_downvoted", _("Answer voted down")
    ANSWER_ACCEPTED = "answer_accepted", _("Answer accepted")
    ANSWER_OFFICIAL = "answer_official", _("Answer made the official answer")
    ANSWER_PROMOTED = "answer_promoted", _("Answer promoted to an article")
    REVIEW_HELPFUL = "review_helpful", _("Review marked helpful")
    EDIT_ACCEPTED = "edit_accepted", _("Suggested edit accepted")


# Votes and helpful marks count once per member who gave them; the other events once per item.
PER_ACTOR_KINDS = (
    QaEventKind.QUESTION_UPVOTED,
    QaEventKind.ANSWER_UPVOTED,
    QaEventKind.ANSWER_DOWNVOTED,
    QaEventKind.REVIEW_HELPFUL,
)


def register() -> None:
    """Called from ``QaConfig.ready()``."""
    register_event_kinds(QaEventKind, per_actor=PER_ACTOR_KINDS)


def author_earns(kind: QaEventKind, post, *, actor: User, product_id: int | None) -> None:
    """The author of ``post`` (an answer, a review) earns the points for ``kind`` from
    ``actor`` (the asker, staff, a voter), counted for the product the post is about."""
    reputation_record(user=post.author, kind=kind, source=post, actor=actor, product_id=product_id)


# SECTION badges


def badges_for_answer(*, answer: Answer) -> None:
    """Badges a new answer may earn its author: the first answer, and the product badge.

    Inside the answer's write (the author's badge count shows beside their name on the page
    they are sent to), in one small query while they hold both: the badges they have; their
    public answers on the product are counted only while they lack its badge."""
    if answer.status != ContentStatus.PUBLISHED:
        return  # held for approval: the badge comes when it is public
    author = answer.author
    product_id = answer.question.product_id
    held = set(
        UserBadge.objects.filter(
            user_id=author.pk, badge__in=(Badge.FIRST_ANSWER, Badge.PRODUCT_EXPERT)
        ).values_list("badge", "product_id")
    )
    if (Badge.FIRST_ANSWER, None) not in held:
        badge_award(user=author, badge=Badge.FIRST_ANSWER)
    if product_id is None or (Badge.PRODUCT_EXPERT, product_id) in held:
        return
    answered = Answer.objects.filter(
        author=author, question__product_id=product_id, status=ContentStatus.PUBLISHED
    ).count()
    if answered >= settings.BADGE_PRODUCT_EXPERT_ANSWERS:
        badge_award(user=author, badge=Badge.PRODUCT_EXPERT, product_id=product_id)


def badges_for_helpful_marks(*, author: User) -> None:
    """The helpful-reviewer badge, once the marks counted on ``author``'s reviews reach the
    milestone (marks taken back do not count)."""
    marks = ReputationEvent.objects.filter(
        user=author, kind=QaEventKind.REVIEW_HELPFUL, reversed_at__isnull=True
    ).count()
    if marks >= settings.BADGE_HELPFUL_REVIEWER_MARKS:
        badge_award(user=author, badge=Badge.HELPFUL_REVIEWER)
