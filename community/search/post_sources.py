"""Search sources over members' threads (questions, forum topics), which site search treats
alike: found at their own address, narrowed to a product by their ``product`` field, listed
among the similar questions and discussions, and indexed with the text of the posts under
them (answers, replies).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from .registry import (
    RELATED_SIMILAR,
    SearchSource,
    field_filter,
    register_parent_reindexing,
    register_search_source,
)


def register_thread_source(
    *,
    model,
    public_items: Callable[[], QuerySet],
    vocabulary_limit: int,
    child,
    parent_field: str,
    vocabulary_items: Callable[[], QuerySet] | None = None,
    **fields,
) -> None:
    """Make ``model``'s threads searchable, and saving a ``child`` row (whose ``parent_field``
    is the thread) re-index its thread. The typo corrections learn from the titles of at most
    ``vocabulary_limit`` of ``vocabulary_items`` (the public items unless given); ``fields``
    are the rest of the :class:`SearchSource`."""
    vocabulary_items = vocabulary_items or public_items
    register_search_source(
        SearchSource(
            model=model,
            public_items=public_items,
            url=model.get_absolute_url,
            product_filter=field_filter("product"),
            vocabulary_titles=lambda: vocabulary_items().values_list("title", flat=True)[
                :vocabulary_limit
            ],
            related_group=RELATED_SIMILAR,
            **fields,
        )
    )
    register_parent_reindexing(
        child=child, parent_field=parent_field, parent_label=model._meta.label
    )
