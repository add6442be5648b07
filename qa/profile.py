"""Q&A's tabs on a member's public profile: their questions, answers and reviews, registered
with ``community.reputation`` when the app is ready."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cms.translation import title_in_reader_language
from community.accounts.models import User
from community.moderation.enums import ContentStatus
from community.reputation.registry import register_profile_tab
from community.reputation.selectors import profile_posts

from .models import Answer, Question, Review


def profile_questions(owner: User, *, viewer) -> QuerySet[Question]:
    return (
        profile_posts(Question, owner, viewer=viewer)
        .select_related("product")
        .annotate(product_title=title_in_reader_language("product"))
        .defer("body", "body_rendered")
    )


def profile_answers(owner: User, *, viewer) -> QuerySet[Answer]:
    return (
        profile_posts(Answer, owner, viewer=viewer)
        .filter(question__status=ContentStatus.PUBLISHED)
        .select_related("question")
    )


def profile_reviews(owner: User, *, viewer) -> QuerySet[Review]:
    return (
        profile_posts(Review, owner, viewer=viewer)
        .select_related("product")
        .annotate(product_title=title_in_reader_language("product"))
    )


# The forum's topics come between answers and reviews (position 30).
PROFILE_TABS = [
    ("questions", _("Questions"), profile_questions, "qa/includes/profile_question.html", 10),
    ("answers", _("Answers"), profile_answers, "qa/includes/profile_answer.html", 20),
    ("reviews", _("Reviews"), profile_reviews, "qa/includes/profile_review.html", 40),
]


def register() -> None:
    """Called from ``QaConfig.ready()``."""
    for key, label, items, template, position in PROFILE_TABS:
        register_profile_tab(key, label=label, items=items, template=template, position=position)
