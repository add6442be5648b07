"""How forum's content is moderated: the kinds it registers with the moderation queue."""

from django.utils.translation import gettext_lazy as _

from community.moderation.registry import register_moderated_kind

from . import permissions, services
from .models import Post, Topic


def register() -> None:
    """Topics and posts are flagged and moderated like every post."""
    # Both follow the forum's one "can see" rule, and both refresh the same counters.
    forum_rules = {
        "can_see": permissions.can_see,
        "status_changed": services.moderation_status_changed,
    }
    register_moderated_kind(
        key="topic",
        label=_("Topic"),
        model=Topic,
        restore_refusal=services.topic_restore_refusal,
        excerpt_html=_topic_excerpt_html,
        text_field=None,
        counts_as_post=False,
        select_related=("author", "first_post"),
        labels=True,
        **forum_rules,
    )
    register_moderated_kind(
        key="post",
        label=_("Forum post"),
        model=Post,
        select_related=("author", "topic"),
        public_filter=(("topic__status", "published"),),
        **forum_rules,
    )


def _topic_excerpt_html(topic) -> str:
    """A topic's text is its first post's."""
    return topic.first_post.body_rendered if topic.first_post_id else ""
