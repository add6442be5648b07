"""Questions in site search: what the public may find, and how an answered question ranks.

Registered with community/search/registry.py in QaConfig.ready().
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from community.common.markup import plain_text
from community.moderation.enums import ContentStatus
from community.search.post_sources import register_thread_source
from community.search.registry import field_filter

from .models import Answer, Question

# An answered question beats an open one; one the asker or the shop settled beats both.
RESOLVED_QUESTION_WEIGHT = 1.6  # accepted or official answer
ANSWERED_QUESTION_WEIGHT = 1.2
# The typo corrections look at this many question titles at most.
VOCABULARY_QUESTION_LIMIT = 20000


def public_questions():
    return Question.objects.filter(status=ContentStatus.PUBLISHED)


def is_resolved(question: Question) -> bool:
    return bool(question.accepted_answer_id or question.official_answer_id)


def question_boost(question: Question) -> float:
    if is_resolved(question):
        return RESOLVED_QUESTION_WEIGHT
    if question.answer_count:
        return ANSWERED_QUESTION_WEIGHT
    return 1.0


def question_snippet_source(question: Question) -> str:
    best = question.official_answer or question.accepted_answer
    # The rendered text, not the Markdown source: no ** or # in a snippet.
    answer = (
        plain_text(best.body_rendered) if best and best.status == ContentStatus.PUBLISHED else ""
    )
    return f"{plain_text(question.body_rendered)} {answer}"


def questions_for_display(ids: list[int]) -> dict[int, Question]:
    return Question.objects.select_related("official_answer", "accepted_answer", "product").in_bulk(
        ids
    )


def register() -> None:
    # A question is indexed with its answers' text: saving an answer re-indexes its question.
    register_thread_source(
        model=Question,
        child=Answer,
        parent_field="question",
        kind="question",
        label=_("Question"),
        position=40,
        weight=1.0,
        public_items=public_questions,
        snippet_source=question_snippet_source,
        phase_filter=field_filter("phase"),
        boost=question_boost,
        resolved=is_resolved,
        load_for_display=questions_for_display,
        vocabulary_limit=VOCABULARY_QUESTION_LIMIT,
        suggest_while_asking=lambda question: bool(question.answer_count),
    )
