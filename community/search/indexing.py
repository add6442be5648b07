"""Keeps the search text of a parent (a question, a topic) current when a child (an answer, a
post) whose text it is indexed with is saved; apps ask for it through the registry.

Both the site search document (documents.py) and Wagtail's own index entry are refreshed, in
background tasks (django-tasks) that run after the write, as page and model saves are.
"""

from collections.abc import Callable

from modelsearch.tasks import insert_or_update_object_task


def parent_reindexer(*, parent_field: str, app_label: str, model_name: str) -> Callable:
    """A post_save receiver that re-indexes the row the saved child's ``parent_field`` names."""
    from .documents import refresh_parent_later

    attname = f"{parent_field}_id"

    def reindex_parent(sender, instance, raw=False, **kwargs) -> None:
        parent_id = getattr(instance, attname)
        if raw or not parent_id:
            return
        insert_or_update_object_task.enqueue(app_label, model_name, str(parent_id))
        refresh_parent_later(f"{app_label}.{model_name}", parent_id)

    return reindex_parent
