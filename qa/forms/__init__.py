"""Q&A and review forms."""

from .questions import (
    MAX_TAGS,
    AnswerForm,
    CommentForm,
    DuplicateForm,
    QuestionForm,
    ReasonForm,
)

__all__ = [
    "MAX_TAGS",
    "QuestionForm",
    "AnswerForm",
    "CommentForm",
    "ReasonForm",
    "DuplicateForm",
]
