"""Who may suggest an edit to someone else's post, and who decides on it. Checks raise."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from community.accounts.permissions import check_can_participate, is_community_staff
from community.moderation import authorship
from community.reputation.enums import Privilege
from community.reputation.privileges import check_has_privilege, has_privilege

from ..models import Answer, Question, SuggestedEdit
from .questions import SHOP_POST_REFUSAL, check_can_view_question, speaks_for_the_shop


def can_suggest_edit(user, item: Question | Answer) -> bool:
    try:
        check_can_suggest_edit(user, item)
    except (PermissionDenied, Http404):
        return False
    return True


def check_can_suggest_edit(user, item: Question | Answer) -> None:
    check_can_participate(user)
    authorship.check_published_or_own(user, item)
    if item.author_id == user.pk:
        raise PermissionDenied(_("This is your own post: edit it directly."))
    if speaks_for_the_shop(item):
        raise PermissionDenied(SHOP_POST_REFUSAL)
    if has_privilege(user, Privilege.EDIT_OTHERS):
        raise PermissionDenied(_("You may edit this post directly."))
    check_has_privilege(user, Privilege.SUGGEST_EDITS)
    question = item if isinstance(item, Question) else item.question
    if not (item.is_published and question.is_published) or question.is_locked:
        raise PermissionDenied(_("Edits can only be suggested to public posts on open questions."))


def can_decide_suggested_edit(user, suggestion: SuggestedEdit) -> bool:
    """The post's author, members who may edit others' posts, and staff decide; never the
    member who suggested it."""
    if not user.is_authenticated or user.pk == suggestion.suggester_id:
        return False
    return may_decide_edits_of(user, suggestion.target)


def may_decide_edits_of(user, item: Question | Answer) -> bool:
    """Who decides on edits suggested to ``item``: its author, members who may edit others'
    posts (not on posts that speak for the shop), and staff."""
    if not user.is_authenticated:
        return False
    if user.pk == item.author_id or is_community_staff(user):
        return True
    return has_privilege(user, Privilege.EDIT_OTHERS) and not speaks_for_the_shop(item)


def check_can_view_suggested_edit(user, suggestion: SuggestedEdit) -> None:
    """The suggester follows their suggestion; those who may decide review it; to anyone else
    it does not exist."""
    check_can_view_question(user, suggestion.question)
    if user.is_authenticated and user.pk == suggestion.suggester_id:
        return
    if not can_decide_suggested_edit(user, suggestion):
        raise Http404


def check_can_decide_suggested_edit(user, suggestion: SuggestedEdit) -> None:
    check_can_participate(user)
    check_can_view_suggested_edit(user, suggestion)
    if not can_decide_suggested_edit(user, suggestion):
        raise PermissionDenied(
            _(
                "Only the author, members who may edit others' posts, or staff can decide on "
                "a suggested edit."
            )
        )
    if not suggestion.is_pending:
        raise PermissionDenied(_("This suggestion has already been decided."))
