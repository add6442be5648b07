"""Who may do what in Q&A and reviews. Checks raise: PermissionDenied, or Http404 to hide."""

from .questions import (
    can_see,
    check_can_accept,
    check_can_answer,
    check_can_ask,
    check_can_comment,
    check_can_delete,
    check_can_edit,
    check_can_view_question,
    check_can_vote,
    check_is_staff,
)

__all__ = [
    "can_see",
    "check_can_view_question",
    "check_can_ask",
    "check_can_answer",
    "check_can_comment",
    "check_can_edit",
    "check_can_delete",
    "check_can_vote",
    "check_can_accept",
    "check_is_staff",
]
