"""Keeps the search text of a parent (a question, a topic) current when a child (an answer, a
post) whose text it is indexed with is saved; apps ask for it through the registry.

Both the site search document (documents.py) and Wagtail's own index entry are refreshed, in
background tasks (django-tasks) that run after the write, as page and model saves are.
"""

from collections.abc import Callable

from modelsearch.tasks import insert_or_update_object_task

# Also told of each parent to refresh ("app_label.model", pk): the site search documents
# (documents.py, which reads the registry and so cannot be imported from here).
_parent_refreshers: list[Callable[[str, int], None]] = []


def refresh_parents_also_with(refresher: Callable[[str, int], None]) -> None:
    if refresher not in _parent_refreshers:
        _parent_refreshers.append(refresher)


def parent_reindexer(*, parent_field: str, app_label: str, model_name: str) -> Callable:
    """A post_save receiver that re-indexes the row the saved child's ``parent_field`` names."""
    attname = f"{parent_field}_id"

    def reindex_parent(sender, instance, raw=False, **kwargs) -> None:
        parent_id = getattr(instance, attname)
        if raw or not parent_id:
            return
        insert_or_update_object_task.enqueue(app_label, model_name, str(parent_id))
        for refresher in _parent_refreshers:
            refresher(f"{app_label}.{model_name}", parent_id)

    return reindex_parent
