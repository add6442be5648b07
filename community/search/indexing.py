"""Keeps the search text of a parent (a question, a topic) current when a child (an answer, a
post) whose text it is indexed with is saved; apps ask for it through the registry.

The site search document (documents.py) is refreshed, in a background task (django-tasks)
that runs after the write, as page and model saves are. Wagtail's own index entry of the
parent is not: nothing searches questions or topics through it (site search reads the
documents; the admin's search is over pages), and refreshing it cost every answer and reply
a second reading of the thread and an update of the whole index table's title weights.
``update_index`` still builds it.
"""

from collections.abc import Callable

# Told of each parent to refresh ("app_label.model", pk): the site search documents
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
        for refresher in _parent_refreshers:
            refresher(f"{app_label}.{model_name}", parent_id)

    return reindex_parent
