"""Who may do what in the forum. Each check raises when refused.

PermissionDenied carries a message the user sees; Http404 hides what they may not know of.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from community.accounts.permissions import allowed, check_can_participate, is_community_staff
from community.moderation import authorship
from community.moderation.enums import ContentStatus
from community.moderation.permissions import moderation_actions, shows_report_control

from .models import Post, Topic

# Topics and posts follow the usual rule: published ones are public, others only their author
# and staff see (Http404 for anyone else).
can_see = authorship.published_or_own
check_can_view_topic = authorship.check_published_or_own


def check_can_view_post(user, post: Post) -> None:
    check_can_view_topic(user, post.topic)
    authorship.check_published_or_own(user, post)


def check_can_start_topic(user) -> None:
    check_can_participate(user)


def check_can_reply(user, topic: Topic) -> None:
    authorship.check_can_post_under(
        user, topic, not_public=_("This topic is not public, so it takes no replies.")
    )
    if topic.is_locked and not is_community_staff(user):
        raise PermissionDenied(_("This topic is locked: it takes no new replies."))


def _check_own_post(user, post: Post, *, not_yours: str) -> None:
    # A post is seen only in a topic the user may see.
    authorship.check_own_post(user, post, not_yours=not_yours, check_can_view=check_can_view_post)


def check_can_edit(user, post: Post) -> None:
    _check_own_post(user, post, not_yours=_("You can only edit what you wrote yourself."))
    if post.status == ContentStatus.HIDDEN or post.topic.status == ContentStatus.HIDDEN:
        raise PermissionDenied(_("Staff hid this; it cannot be edited until it is restored."))
    if post.topic.is_locked:
        raise PermissionDenied(_("This topic is locked: its posts cannot be changed."))


def check_can_delete(user, post: Post) -> None:
    _check_own_post(user, post, not_yours=_("You can only delete what you wrote yourself."))
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


def topic_viewer_marks(user, topic: Topic, posts: list[Post], *, can_reply, reply_refusal):
    """Everything of ``user``'s own that a page of the topic's posts shows: the outcome of
    every check their buttons ask, which posts are new to them, and whether and why not they
    may reply. Members with equal marks see the posts alike, so they are made once for all
    of them (``community.common.page_cache.member_fragment_key``). None when they are the
    viewer's alone: for staff (their moderation tools) and for anyone shown a post that is
    not public (their own, hidden or waiting)."""
    if not user.is_authenticated or is_community_staff(user):
        return None
    if any(post.status != ContentStatus.PUBLISHED for post in posts):
        return None
    return (
        bool(can_reply),
        str(reply_refusal or ""),
        tuple(
            (
                post_actions(user, post, topic=topic),
                post.is_new,
                shows_report_control(user, post),
                moderation_actions(user, post),
            )
            for post in posts
        ),
    )
