"""Who may do what with questions, answers and comments. Each check raises when refused.

PermissionDenied carries a message the user sees; Http404 hides what they may not know of.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.accounts.permissions import allowed, check_can_participate, is_community_staff
from community.moderation import authorship
from community.moderation.enums import ContentStatus
from community.reputation.enums import Privilege
from community.reputation.privileges import check_has_privilege, has_privilege

from ..models import Answer, Comment, Question

# Questions, answers and comments follow the usual rule: published ones are public, others
# only their author and staff see (Http404 for anyone else).
can_see = authorship.published_or_own
check_can_view_question = authorship.check_published_or_own


def is_official_answer(answer: Answer) -> bool:
    """Whether staff marked ``answer`` as the shop's official answer to its question."""
    return answer.question.official_answer_id == answer.pk


def speaks_for_the_shop(item: Question | Answer) -> bool:
    """Posts by the shop's staff and official answers: what customers read as the shop's word,
    so that nobody but their author changes it (nor hides it by reports alone)."""
    if is_community_staff(item.author):
        return True
    return isinstance(item, Answer) and is_official_answer(item)


SHOP_POST_REFUSAL = gettext_lazy(
    "Posts by the shop's staff and official answers can only be edited by their author."
)


def check_can_ask(user) -> None:
    check_can_participate(user)


def check_can_answer(user, question: Question) -> None:
    authorship.check_can_post_under(
        user, question, not_public=_("This question is not public, so it cannot be answered.")
    )
    _check_question_open(
        question,
        duplicate=_("This question was closed as a duplicate; please answer the original."),
        locked=_("This question is locked: it takes no new answers."),
    )


def check_can_comment(user, question: Question, answer: Answer | None = None) -> None:
    check_can_participate(user)
    check_can_view_question(user, question)
    if question.status != ContentStatus.PUBLISHED or (
        answer and answer.status != ContentStatus.PUBLISHED
    ):
        raise PermissionDenied(_("Comments are closed on items that are not public."))
    _check_question_open(
        question,
        duplicate=_("This question was closed as a duplicate; please comment on the original."),
        locked=_("This question is locked: it takes no new comments."),
    )


def _check_question_open(question: Question, *, duplicate: str, locked: str) -> None:
    """A question closed as a duplicate, or locked, takes no new answers or comments; the
    refusal says which (``duplicate``, ``locked``)."""
    if question.duplicate_of_id:
        raise PermissionDenied(duplicate)
    if question.is_locked:
        raise PermissionDenied(locked)


def check_can_edit(user, item: Question | Answer) -> None:
    """Authors edit their own posts; members with the "edit others' posts" privilege (from
    reputation only: being staff is not enough) edit others' public posts on open questions,
    except those that speak for the shop (``speaks_for_the_shop``)."""
    check_can_participate(user)
    authorship.check_published_or_own(user, item)
    if item.author_id != user.pk:
        if not has_privilege(user, Privilege.EDIT_OTHERS):
            raise PermissionDenied(_("You can only edit what you wrote yourself."))
        if speaks_for_the_shop(item):
            raise PermissionDenied(SHOP_POST_REFUSAL)
        question = item if isinstance(item, Question) else item.question
        if not (item.is_published and question.is_published) or question.is_locked:
            raise PermissionDenied(
                _("Only public posts on open questions can be edited by others.")
            )
    if item.status == ContentStatus.HIDDEN:
        raise PermissionDenied(_("Staff hid this; it cannot be edited until it is restored."))


def check_can_delete(user, item: Question | Answer | Comment) -> None:
    authorship.check_own_post(
        user, item, not_yours=_("You can only delete what you wrote yourself.")
    )
    if item.status != ContentStatus.PUBLISHED:
        raise PermissionDenied(_("This is not public any more."))
    if isinstance(item, Question) and item.answer_count > 0:
        raise PermissionDenied(
            _("This question has answers that others rely on, so it cannot be deleted.")
        )


def check_can_vote(user, item: Question | Answer, *, value: int = 1) -> None:
    """``value`` is the vote to cast: voting down needs the privilege."""
    check_can_participate(user)
    authorship.check_published_or_own(user, item)
    question = item if isinstance(item, Question) else item.question
    if item.status != ContentStatus.PUBLISHED or question.status != ContentStatus.PUBLISHED:
        raise PermissionDenied(_("Only public posts can be voted on."))
    if item.author_id == user.pk:
        raise PermissionDenied(_("You cannot vote on your own post."))
    if value < 0:
        check_has_privilege(user, Privilege.VOTE_DOWN)


def check_can_accept(user, answer: Answer) -> None:
    check_can_participate(user)
    question = answer.question
    check_can_view_question(user, question)
    if question.author_id != user.pk and not is_community_staff(user):
        raise PermissionDenied(_("Only the person who asked, or staff, can accept an answer."))
    if answer.status != ContentStatus.PUBLISHED or question.status != ContentStatus.PUBLISHED:
        raise PermissionDenied(_("Only public answers can be accepted."))


def may_vote(user, item: Question | Answer, *, question: Question | None = None) -> bool:
    """Whether ``user`` may vote on ``item`` (up; voting down also needs the privilege, which
    the page explains). ``question``, where the caller has it, spares loading it again."""
    if not user.is_authenticated:
        return False
    if question is not None and isinstance(item, Answer):
        item.question = question
    return allowed(check_can_vote, user, item)
