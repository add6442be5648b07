"""Who may do what in the forum. Each check raises when refused.

PermissionDenied carries a message the user sees; Http404 hides what they may not know of.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from community.accounts.permissions import allowed, check_can_participate, is_community_staff
from community.moderation.enums import ContentStatus

from .models import Post, Topic


def can_see(user, item: Topic | Post) -> bool:
    """Published items are public; hidden and deleted ones only to their author and staff."""
    if item.status == ContentStatus.PUBLISHED:
        return True
    return is_community_staff(user) or (user.is_authenticated and item.author_id == user.pk)


def check_can_view_topic(user, topic: Topic) -> None:
    if not can_see(user, topic):
        raise Http404


def check_can_view_post(user, post: Post) -> None:
    check_can_view_topic(user, post.topic)
    if not can_see(user, post):
        raise Http404


def check_can_start_topic(user) -> None:
    check_can_participate(user)


def check_can_reply(user, topic: Topic) -> None:
    check_can_participate(user)
    check_can_view_topic(user, topic)
    if topic.status != ContentStatus.PUBLISHED:
        raise PermissionDenied(_("This topic is not public, so it takes no replies."))
    if topic.is_locked and not is_community_staff(user):
        raise PermissionDenied(_("This topic is locked: it takes no new replies."))


def check_can_edit(user, post: Post) -> None:
    check_can_participate(user)
    check_can_view_post(user, post)
    if post.author_id != user.pk:
        raise PermissionDenied(_("You can only edit what you wrote yourself."))
    if post.status == ContentStatus.HIDDEN or post.topic.status == ContentStatus.HIDDEN:
        raise PermissionDenied(_("Staff hid this; it cannot be edited until it is restored."))
    if post.topic.is_locked:
        raise PermissionDenied(_("This topic is locked: its posts cannot be changed."))


def check_can_delete(user, post: Post) -> None:
    check_can_participate(user)
    check_can_view_post(user, post)
    if post.author_id != user.pk:
        raise PermissionDenied(_("You can only delete what you wrote yourself."))
    if post.status != ContentStatus.PUBLISHED:
        raise PermissionDenied(_("This is not public any more."))
    if post.topic.first_post_id == post.pk and post.topic.reply_count > 0:
        raise PermissionDenied(
            _("This topic has replies that others wrote, so its first post cannot be deleted.")
        )


@dataclass(frozen=True)
class PostActions:
    """What the viewer may do with a post on its topic page (each view checks again)."""

    edit: bool = False
    delete: bool = False


def post_actions(user, post: Post, *, topic: Topic) -> PostActions:
    """The actions ``user`` has on ``post`` (``topic`` is its topic, passed so that no check
    loads it again)."""
    if not user.is_authenticated:
        return PostActions()
    post.topic = topic  # the checks read it; the page has it loaded already
    return PostActions(
        edit=allowed(check_can_edit, user, post), delete=allowed(check_can_delete, user, post)
    )
