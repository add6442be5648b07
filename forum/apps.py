from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    """Boards, topics and posts."""

    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        self._register_moderated_kinds()

    def _register_moderated_kinds(self):
        """Topics and posts are flagged and moderated like every post."""
        from community.moderation.registry import register

        from . import permissions, services
        from .models import Post, Topic

        register(
            key="topic",
            label=_("Topic"),
            model=Topic,
            can_see=permissions.can_see,
            status_changed=services.moderation_status_changed,
            restore_refusal=services.topic_restore_refusal,
            excerpt_html=_topic_excerpt_html,
            text_field=None,
            counts_as_post=False,
            select_related=("author", "first_post"),
        )
        register(
            key="post",
            label=_("Forum post"),
            model=Post,
            can_see=permissions.can_see,
            status_changed=services.moderation_status_changed,
            select_related=("author", "topic"),
            public_filter=(("topic__status", "published"),),
        )


def _topic_excerpt_html(topic) -> str:
    """A topic's text is its first post's."""
    return topic.first_post.body_rendered if topic.first_post_id else ""
