"""Q&A models: questions with their answers, comments and votes; product reviews."""

from .edits import SuggestedEdit
from .questions import (
    Answer,
    AnswerVote,
    Comment,
    Question,
    QuestionVote,
)
from .reviews import (
    ProductRatingSummary,
    Review,
    ReviewHelpfulVote,
    ReviewInvitation,
    ReviewInvitationOptOut,
    ReviewReply,
)

__all__ = [
    "Question",
    "Answer",
    "Comment",
    "QuestionVote",
    "AnswerVote",
    "ProductRatingSummary",
    "Review",
    "ReviewHelpfulVote",
    "ReviewInvitation",
    "ReviewInvitationOptOut",
    "ReviewReply",
    "SuggestedEdit",
]
