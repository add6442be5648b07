"""What the viewer may do with a question, an answer or a review, for the page's links and buttons:
each decided by the check functions, so that templates never restate a rule."""

from dataclasses import dataclass

from community.accounts.permissions import is_community_staff
from community.moderation.enums import ContentStatus
from community.moderation.permissions import moderation_actions, shows_report_control

from ..enums import ReviewGate
from ..models import Answer, Question, Review
from .edits import can_suggest_edit, may_decide_edits_of
from .questions import allowed, check_can_accept, check_can_delete, check_can_edit, may_vote
from .reviews import (
    check_can_edit_review,
    check_can_mark_helpful,
    check_can_reply_to_review,
    check_can_withdraw_review,
)


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


def thread_viewer_marks(user, thread, *, vote_down_refusal, answer_refusal) -> tuple | None:
    """Everything of ``user``'s own that the question's posts, answers and comments show:
    the outcome of every check their buttons ask, their votes, and the refusals the page
    words. Members with equal marks see those parts alike, so they are made once for all of
    them (``community.common.page_cache.member_fragment_key``). None when they are the
    viewer's alone: for staff (their moderation tools) and for anyone shown a post that is
    not public (their own, hidden or waiting)."""
    question = thread.question
    if not user.is_authenticated or is_community_staff(user):
        return None
    comments = [*thread.question_comments]
    for answer_comments in thread.comments_by_answer.values():
        comments.extend(answer_comments)
    posts = [question, *thread.answers]
    if any(item.status != ContentStatus.PUBLISHED for item in (*posts, *comments)):
        return None
    return (
        user.pk == question.author_id,
        thread.question_vote,
        tuple(sorted(thread.answer_votes.items())),
        str(vote_down_refusal or ""),
        str(answer_refusal or ""),
        tuple(
            (
                post_actions(user, item, question=question),
                may_vote(user, item, question=question),
                shows_report_control(user, item),
                moderation_actions(user, item),
            )
            for item in posts
        ),
        tuple(
            (
                allowed(check_can_delete, user, comment),
                shows_report_control(user, comment),
                moderation_actions(user, comment),
            )
            for comment in comments
        ),
    )


def product_reviews_viewer_marks(user, reviews, *, bought: bool) -> tuple | None:
    """Everything of ``user``'s own that a product page's reviews show (``reviews``:
    qa.selectors.ProductReviews): whether they bought it (the badge), what the review block
    offers them (write, see or edit their review), and for each review shown their helpful
    vote and the outcome of every check its buttons ask. None when it is theirs alone: for
    staff, for a member whose account cannot post (the notice words their suspension) and
    for a review shown that is not public."""
    if not user.is_authenticated or is_community_staff(user):
        return None
    if reviews.gate == ReviewGate.CANNOT_PARTICIPATE:
        return None
    if any(review.status != ContentStatus.PUBLISHED for review in reviews.top_reviews):
        return None
    own = reviews.own_review
    return (
        bought,
        str(reviews.gate),
        own.pk if own else None,
        own is not None and allowed(check_can_edit_review, user, own),
        tuple(
            (
                review.pk,
                review.marked_helpful,
                allowed(check_can_mark_helpful, user, review),
                review_actions(user, review),
                shows_report_control(user, review),
            )
            for review in reviews.top_reviews
        ),
    )
