"""What the catalogue and knowledge base hold about a member: the articles made from their
answers (which credit them) and their "was this helpful?" answers. When the account is
erased, the articles stay and drop the credit; the feedback stays, unsigned."""

from community.accounts.personal_data import Erasure, register_personal_data

from .article_feedback import ArticleFeedback
from .knowledge_base import ArticleProvenance


def articles_credited(user):
    return ArticleProvenance.objects.filter(community_author=user).values(
        "article__title", "question_id", "answer_id", "credit_name", "created_at"
    )


def article_feedback(user):
    return ArticleFeedback.objects.filter(user=user).values(
        "article__title", "helpful", "comment", "created_at"
    )


def credit_drop(erasure: Erasure) -> None:
    ArticleProvenance.objects.filter(community_author=erasure.user).update(
        community_author=None, credit_name=""
    )


def feedback_unsign(erasure: Erasure) -> None:
    ArticleFeedback.objects.filter(user=erasure.user).update(user=None, session_key=None)


def register() -> None:
    register_personal_data("articles_credited", export=articles_credited, erase=credit_drop)
    register_personal_data("article_feedback", export=article_feedback, erase=feedback_unsign)
