"""Reads for suggested edits: the markers on a question page and the review page."""

from __future__ import annotations

from dataclasses import dataclass, field

from community.revisions.selectors import DiffLine, line_diff

from ..enums import SuggestedEditStatus
from ..models import Question, SuggestedEdit


@dataclass
class PendingEdits:
    """The pending suggestion on a question page's posts: for the question, and per answer."""

    question_edit_id: int | None = None
    answer_edit_ids: dict[int, int] = field(default_factory=dict)


def suggested_edit_get(pk: int) -> SuggestedEdit:
    """One suggestion with its post, the post's author and the people involved (one query)."""
    return SuggestedEdit.objects.select_related(
        "question__author", "answer__author", "suggester", "decided_by"
    ).get(pk=pk)


def suggested_edit_pending_for(item) -> SuggestedEdit | None:
    """The suggestion waiting on ``item`` (a question or an answer), if any."""
    suggestions = SuggestedEdit.objects.filter(status=SuggestedEditStatus.PENDING)
    if isinstance(item, Question):
        return suggestions.filter(question=item, answer__isnull=True).first()
    return suggestions.filter(answer=item).first()


def suggested_edit_is_stale(suggestion: SuggestedEdit) -> bool:
    """Whether the post changed after the suggestion was made (then it cannot be applied)."""
    target = suggestion.target
    if suggestion.answer_id:
        return target.body != suggestion.base_body
    return target.title != suggestion.base_title or target.body != suggestion.base_body


@dataclass(frozen=True)
class SuggestedEditChanges:
    title_changes: list[DiffLine]
    body_changes: list[DiffLine]


def suggested_edit_changes(suggestion: SuggestedEdit) -> SuggestedEditChanges:
    """What the suggestion changes in the post as the suggester saw it, line by line."""
    return SuggestedEditChanges(
        title_changes=line_diff(suggestion.base_title, suggestion.title)
        if not suggestion.answer_id
        else [],
        body_changes=line_diff(suggestion.base_body, suggestion.body),
    )


def suggested_edits_by(user):
    """The member's own suggestions, newest first, with the post each is about."""
    return SuggestedEdit.objects.filter(suggester=user).select_related(
        "question", "answer", "decided_by"
    )
