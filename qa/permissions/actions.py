"""What the viewer may do with a question, an answer or a review, for the page's links and buttons:
each decided by the check functions, so that templates never restate a rule."""

from dataclasses import dataclass

from community.accounts.permissions import is_community_staff

from ..models import Answer, Question, Review
from .edits import can_suggest_edit, may_decide_edits_of
from .questions import allowed, check_can_accept, check_can_delete, check_can_edit
from .reviews import check_can_edit_review, check_can_reply_to_review, check_can_withdraw_review


@dataclass(frozen=True)
class PostActions:
    """What the viewer may do with a question or an answer on its page; the page shows these
    links and buttons and no others (each view checks again)."""

    accept: bool = False
    edit: bool = False
    suggest_edit: bool = False
    delete: bool = False
    # Staff tools on an answer: the official mark and promotion to an article.
    staff_answer_tools: bool = False
    # Whether a suggested edit waiting on this post is the viewer's to see and decide.
    decide_edits: bool = False


def post_actions(user, item: Question | Answer, *, question: Question) -> PostActions:
    """The actions ``user`` has on ``item`` (``question`` is the item itself or its question,
    passed so that no check loads it again)."""
    if not user.is_authenticated:
        return PostActions()
    if isinstance(item, Answer):
        item.question = question  # the checks read it; the page has it loaded already
    is_answer = isinstance(item, Answer)
    return PostActions(
        accept=is_answer and allowed(check_can_accept, user, item),
        edit=allowed(check_can_edit, user, item),
        suggest_edit=can_suggest_edit(user, item),
        delete=allowed(check_can_delete, user, item),
        staff_answer_tools=is_answer and item.is_published and is_community_staff(user),
        decide_edits=may_decide_edits_of(user, item),
    )


@dataclass(frozen=True)
class ReviewActions:
    """What the viewer may do with a review on its card (each view checks again)."""

    edit: bool = False
    withdraw: bool = False
    reply: bool = False

    @property
    def any(self) -> bool:
        return self.edit or self.withdraw or self.reply


def review_actions(user, review: Review) -> ReviewActions:
    if not user.is_authenticated:
        return ReviewActions()
    return ReviewActions(
        edit=allowed(check_can_edit_review, user, review),
        withdraw=allowed(check_can_withdraw_review, user, review),
        reply=allowed(check_can_reply_to_review, user, review),
    )
