"""Q&A and review forms."""

from .edits import SuggestedEditForm, SuggestedEditRejectForm
from .questions import (
    MAX_TAGS,
    AnswerForm,
    CommentForm,
    DuplicateForm,
    QuestionForm,
)
from .reviews import (
    ReviewEditForm,
    ReviewForm,
    ReviewReplyForm,
    review_photo_formset,
)

__all__ = [
    "MAX_TAGS",
    "QuestionForm",
    "AnswerForm",
    "CommentForm",
    "DuplicateForm",
    "ReviewEditForm",
    "ReviewForm",
    "ReviewReplyForm",
    "review_photo_formset",
    "SuggestedEditForm",
    "SuggestedEditRejectForm",
]
