"""Q&A and review forms."""

from .edits import SuggestedEditForm, SuggestedEditRejectForm
from .questions import (
    MAX_TAGS,
    AnswerForm,
    CommentForm,
    DuplicateForm,
    QuestionForm,
    ReasonForm,
)
from .reviews import (
    ReviewEditForm,
    ReviewForm,
    ReviewHideForm,
    ReviewReplyForm,
    ReviewRestoreForm,
    review_photo_formset,
)

__all__ = [
    "MAX_TAGS",
    "QuestionForm",
    "AnswerForm",
    "CommentForm",
    "ReasonForm",
    "DuplicateForm",
    "ReviewEditForm",
    "ReviewForm",
    "ReviewHideForm",
    "ReviewReplyForm",
    "ReviewRestoreForm",
    "review_photo_formset",
    "SuggestedEditForm",
    "SuggestedEditRejectForm",
]
