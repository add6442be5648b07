"""Q&A reads: question lists and threads; product reviews."""

from .questions import (
    ProductQuestions,
    QuestionTag,
    QuestionThread,
    question_get,
    question_list,
    question_rows,
    question_thread,
    questions_for_product,
)

__all__ = [
    "question_list",
    "question_rows",
    "QuestionTag",
    "question_get",
    "QuestionThread",
    "question_thread",
    "ProductQuestions",
    "questions_for_product",
]
