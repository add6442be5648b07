"""A generation number for what search may show: it changes whenever a searchable row is hidden,
held, deleted, merged, renamed, published or unpublished, so results cached under it (related
content on a question or topic page) never outlive an item the public may no longer see.

Sources are watched when they are registered (registry.register_search_source).
"""

from __future__ import annotations

from uuid import uuid4

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "search:content-generation"


def content_generation() -> str:
    """The current generation (one cache read, no query)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


# A save that touches one of these may change what the public sees or where a link leads;
# a counter or a timestamp does not, and leaves the cached results in place.
VISIBLE_FIELDS = frozenset({"status", "merged_into", "live", "title", "slug"})


def content_changed(sender=None, raw=False, created=False, update_fields=None, **kwargs) -> None:
    """A new generation: every result cached under the old one is no longer read. A new row
    changes nothing shown yet (it joins the lists when they are next made)."""
    if raw or created:
        return
    if update_fields is not None and not VISIBLE_FIELDS.intersection(update_fields):
        return
    cache.set(GENERATION_KEY, uuid4().hex, None)


def watch_changes(model) -> None:
    """Start a new generation when a row of ``model`` changes."""
    watch_rows(model, content_changed, uid=f"search-generation-{model._meta.label_lower}")


def watch_rows(model, receiver, *, uid: str) -> None:
    """Call ``receiver`` (a post_save receiver) when a row of ``model`` is saved, deleted,
    published or unpublished: what search keeps about the rows follows all four."""
    # Wagtail's models are imported here, not at the top: the registry imports this module
    # before the apps are loaded.
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished

    post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
    if issubclass(model, Page):
        # Unpublishing may save the page as a plain Page; Wagtail names the specific class here.
        page_published.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        page_unpublished.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
