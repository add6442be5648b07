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
from .reviews import (
    can_see_review,
    check_can_edit_review,
    check_can_mark_helpful,
    check_can_moderate_review,
    check_can_reply_to_review,
    check_can_review,
    check_can_view_review,
    check_can_withdraw_review,
    gate_refusal,
    review_gate,
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
    "can_see_review",
    "check_can_edit_review",
    "check_can_mark_helpful",
    "check_can_moderate_review",
    "check_can_reply_to_review",
    "check_can_review",
    "check_can_view_review",
    "check_can_withdraw_review",
    "gate_refusal",
    "review_gate",
]
