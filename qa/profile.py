"""Q&A's tabs on a member's public profile: their questions, answers and reviews, registered
with ``community.reputation`` when the app is ready."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from community.accounts.models import User
from community.moderation.enums import ContentStatus
from community.reputation.registry import register_profile_tab
from community.reputation.selectors import profile_visibility

from .models import Answer, Question, Review


def profile_questions(owner: User, *, viewer) -> QuerySet[Question]:
    return (
        Question.objects.filter(profile_visibility(viewer, owner), author=owner)
        .select_related("product")
        .defer("body", "body_rendered")
        .order_by("-created_at", "-pk")
    )


def profile_answers(owner: User, *, viewer) -> QuerySet[Answer]:
    return (
        Answer.objects.filter(profile_visibility(viewer, owner), author=owner)
        .filter(question__status=ContentStatus.PUBLISHED)
        .select_related("question")
        .order_by("-created_at", "-pk")
    )


def profile_reviews(owner: User, *, viewer) -> QuerySet[Review]:
    return (
        Review.objects.filter(profile_visibility(viewer, owner), author=owner)
        .select_related("product")
        .order_by("-created_at", "-pk")
    )


def register() -> None:
    """Called from ``QaConfig.ready()``; the forum's topics come between answers and reviews."""
    register_profile_tab(
        "questions",
        label=_("Questions"),
        items=profile_questions,
        template="qa/includes/profile_question.html",
        position=10,
    )
    register_profile_tab(
        "answers",
        label=_("Answers"),
        items=profile_answers,
        template="qa/includes/profile_answer.html",
        position=20,
    )
    register_profile_tab(
        "reviews",
        label=_("Reviews"),
        items=profile_reviews,
        template="qa/includes/profile_review.html",
        position=40,
    )
