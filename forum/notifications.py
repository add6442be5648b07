"""Who hears about new forum posts, and what the forum tells the notifications floor.

``register`` (from ``ForumConfig.ready``) registers the forum's kinds, topics and boards as
things to follow, and how a post or topic that just became public is announced.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from community.notifications import registry
from community.notifications.enums import KindGroup
from community.notifications.events import Told, all_public, notify_followers, notify_mentioned

from .enums import NotificationKind
from .models import Board, Post, Topic
from .permissions import check_can_view_topic

TOPIC = "topic"
BOARD = "board"


def forum_post_created(post: Post) -> None:
    """A new public forum post: members mentioned in it, and the followers of its topic (a
    reply) or of its board (a new topic); each follow remembers the post or topic it was
    last told about."""
    topic = post.topic
    if not all_public(post, topic):
        return
    told = Told(post.author_id)
    is_first = topic.first_post_id in (None, post.pk)
    common = {
        "event_key": f"topic:{topic.pk}" if is_first else f"post:{post.pk}",
        "actor": post.author,
        "target": post,
        "url": topic.get_absolute_url() if is_first else post.get_absolute_url(),
        "text": topic.title,
    }
    notify_mentioned(body=post.body, told=told, **common)
    if is_first:  # a new topic: the board's followers, who remember the topic
        kind, target_type, target_id, remember_id = (
            NotificationKind.FOLLOWED_BOARD_TOPIC,
            BOARD,
            topic.board_id,
            topic.pk,
        )
    else:  # a reply: the topic's followers, who remember the post
        kind, target_type, target_id, remember_id = (
            NotificationKind.FOLLOWED_TOPIC_REPLY,
            TOPIC,
            topic.pk,
            post.pk,
        )
    notify_followers(
        kind=kind,
        target_type=target_type,
        targets=[target_id],
        told=told,
        remember_id=remember_id,
        **common,
    )


def topic_published(topic: Topic) -> None:
    """A held topic was approved: announced as its first post."""
    if topic.first_post_id:
        forum_post_created(topic.first_post)


def register() -> None:
    """Tell the notifications floor about the forum's kinds, follow targets and announcers."""
    email_subjects = {
        NotificationKind.FOLLOWED_TOPIC_REPLY: gettext_lazy("New reply in “%(text)s”"),
        NotificationKind.FOLLOWED_BOARD_TOPIC: gettext_lazy("New topic: “%(text)s”"),
    }
    registry.register_kinds(
        email_subjects,
        groups=dict.fromkeys(email_subjects, KindGroup.FOLLOWING),
        email_subjects=email_subjects,
    )
    registry.register_follow_target(
        key=TOPIC,
        model=Topic,
        check_can_see=check_can_view_topic,
        follow_label=gettext_lazy("Follow this topic"),
        unfollow_label=gettext_lazy("Stop following this topic"),
        followed_message=gettext_lazy("You follow this topic."),
        unfollowed_message=gettext_lazy("You no longer follow this topic."),
    )
    registry.register_follow_target(
        key=BOARD,
        model=Board,
        follow_label=gettext_lazy("Follow this board"),
        unfollow_label=gettext_lazy("Stop following this board"),
        followed_message=gettext_lazy("You follow this board."),
        unfollowed_message=gettext_lazy("You no longer follow this board."),
    )
    registry.register_announcer(Post, forum_post_created, reads=("author", "topic"))
    registry.register_announcer(Topic, topic_published, reads=("first_post__author",))
