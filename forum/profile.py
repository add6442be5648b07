"""The forum's tab on a member's public profile: the topics they started, registered with
``community.reputation`` when the app is ready."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from community.accounts.models import User
from community.reputation.registry import register_profile_tab
from community.reputation.selectors import profile_posts

from .models import Topic


def profile_topics(owner: User, *, viewer) -> QuerySet[Topic]:
    return profile_posts(Topic, owner, viewer=viewer).select_related("board")


def register() -> None:
    """Called from ``ForumConfig.ready()``; after Q&A's questions and answers."""
    register_profile_tab(
        "topics",
        label=_("Topics"),
        items=profile_topics,
        template="forum/includes/profile_topic.html",
        position=30,
    )
