"""Q&A models: questions with their answers, comments and votes; product reviews."""

from .questions import (
    Answer,
    AnswerVote,
    Comment,
    Question,
    QuestionVote,
)

__all__ = [
    "Question",
    "Answer",
    "Comment",
    "QuestionVote",
    "AnswerVote",
]
