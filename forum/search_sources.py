"""Forum topics in site search: what the public may find, below official content.

Registered with community/search/registry.py in ForumConfig.ready().
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from community.common.markup import plain_text
from community.moderation.enums import ContentStatus
from community.search.registry import (
    RELATED_SIMILAR,
    SearchSource,
    field_filter,
    register_parent_reindexing,
    register_search_source,
)

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


def register() -> None:
    register_search_source(
        SearchSource(
            kind="topic",
            label=_("Topic"),
            position=50,
            # A forum chat comes after official content and questions.
            weight=0.7,
            model=Topic,
            public_items=public_topics,
            url=Topic.get_absolute_url,
            snippet_source=topic_snippet_source,
            product_filter=field_filter("product"),
            # Forum topics are neither pre- nor after-sales: a phase filter leaves them out.
            phase_filter=None,
            load_for_display=lambda ids: Topic.objects.select_related("first_post").in_bulk(ids),
            vocabulary_titles=lambda: Topic.objects.filter(
                status=ContentStatus.PUBLISHED
            ).values_list("title", flat=True)[:VOCABULARY_TOPIC_LIMIT],
            related_group=RELATED_SIMILAR,
        )
    )
    # A topic is indexed with its posts' text: saving a post re-indexes its topic.
    register_parent_reindexing(child=Post, parent_field="topic", parent_label="forum.Topic")
