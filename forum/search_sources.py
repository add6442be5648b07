"""Forum topics in site search: what the public may find, below official content.

Registered with community/search/registry.py in ForumConfig.ready().
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from community.common.markup import plain_text
from community.moderation.enums import ContentStatus
from community.search.post_sources import register_thread_source

from .models import Post, Topic

# The typo corrections look at this many topic titles at most.
VOCABULARY_TOPIC_LIMIT = 5000


def public_topics():
    """Published topics that were not merged into another (that one is found instead)."""
    return Topic.objects.filter(status=ContentStatus.PUBLISHED, merged_into=None)


def topic_snippet_source(topic: Topic) -> str:
    first = topic.first_post
    published = first and first.status == ContentStatus.PUBLISHED
    return plain_text(first.body_rendered) if published else ""


def published_topics():
    """Merged topics too: their titles' words live on in the topic they were merged into."""
    return Topic.objects.filter(status=ContentStatus.PUBLISHED)


def register() -> None:
    # A topic is indexed with its posts' text: saving a post re-indexes its topic.
    register_thread_source(
        model=Topic,
        child=Post,
        parent_field="topic",
        kind="topic",
        label=_("Topic"),
        position=50,
        # A forum chat comes after official content and questions.
        weight=0.7,
        public_items=public_topics,
        snippet_source=topic_snippet_source,
        # Forum topics are neither pre- nor after-sales: a phase filter leaves them out.
        phase_filter=None,
        load_for_display=lambda ids: Topic.objects.select_related("first_post").in_bulk(ids),
        vocabulary_items=published_topics,
        vocabulary_limit=VOCABULARY_TOPIC_LIMIT,
    )
