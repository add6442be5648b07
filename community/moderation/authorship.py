"""The usual rules for members' posts: who sees a post while it is held, hidden or deleted,
who may post under it, and who changes or deletes it.

The apps whose posts follow them (questions, answers, comments, reviews, forum topics and
posts) point their moderation kinds' "can see" rule and their checks here.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404

from community.accounts.permissions import check_can_participate, is_community_staff

from .enums import ContentStatus


def published_or_own(user, item) -> bool:
    """Published items are public; held, hidden and deleted ones only their author and
    staff see."""
    if item.status == ContentStatus.PUBLISHED:
        return True
    return is_community_staff(user) or (user.is_authenticated and item.author_id == user.pk)


def check_published_or_own(user, item) -> None:
    """Http404 for an item ``user`` may not see: they may not know it exists."""
    if not published_or_own(user, item):
        raise Http404


def check_can_post_under(user, parent, *, not_public: str) -> None:
    """A member who may post adds to ``parent`` (answers a question, replies in a topic) only
    while it is public; ``not_public`` says why not otherwise."""
    check_can_participate(user)
    check_published_or_own(user, parent)
    if parent.status != ContentStatus.PUBLISHED:
        raise PermissionDenied(not_public)


def check_own_post(
    user, item, *, not_yours: str, check_can_view: Callable = check_published_or_own
) -> None:
    """Only a member who may post, and who wrote ``item``, changes or deletes it;
    ``not_yours`` tells anyone else why. ``check_can_view`` raises Http404 for an item the
    user may not see (a post in a topic they may not see, say)."""
    check_can_participate(user)
    check_can_view(user, item)
    if item.author_id != user.pk:
        raise PermissionDenied(not_yours)
