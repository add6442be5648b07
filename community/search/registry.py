"""What site search searches: the sources the apps register in their ``AppConfig.ready()``.

Search lives on the ground floor and knows no app. Each app that has public content to find
registers one :class:`SearchSource` per kind of content (``register_search_source``): which
rows the public may see, how a hit is weighed, titled, linked and summed up, and how the
product and before/after-buying filters apply to it. An app whose search text includes its
children's (a question with its answers) also registers the child model whose saves re-index
the parent (``register_parent_reindexing``). The catalogue registers what the product filter
offers (``register_product_choices``). A source says which related-content group its items
fall in (``related_group``) for the "Similar questions" and "Articles that may help" lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.db.models.signals import post_save
from django.utils.functional import Promise

from .freshness import watch_changes
from .indexing import parent_reindexer

ItemFilter = Callable[[QuerySet, Any], QuerySet | None]

# The groups of related content on a question or topic page (SearchSource.related_group).
RELATED_SIMILAR = "similar"  # similar questions and discussions
RELATED_HELP = "help"  # articles that may help


@dataclass(frozen=True)
class SearchSource:
    """One kind of content site search finds (articles, questions, topics, ...)."""

    kind: str  # the ?type= value and the hit's kind: "question"
    label: str | Promise  # what a hit of this kind is called: "Question"
    position: int  # where the kind comes in the type filter; ties in score keep this order
    weight: float  # how much a hit of this kind counts: official content above chat
    public_items: Callable[[], QuerySet]  # every row the public may find, nothing hidden
    url: Callable[[Any], str]
    snippet_source: Callable[[Any], str]  # the plain text a result's snippet is cut from
    title: Callable[[Any], str] = lambda item: item.title
    # Narrow the public items to one product (its page's pk); None: the kind has no product,
    # so a search for one product leaves it out.
    product_filter: ItemFilter | None = None
    # Narrow the public items to a Phase (before/after buying); None, or a filter returning
    # None for that phase: the kind does not belong to it, so the search leaves it out.
    phase_filter: ItemFilter | None = None
    # A hit's own bonus on top of the kind's weight (an answered question counts more).
    boost: Callable[[Any], float] | None = None
    # Whether a hit is resolved (a question with an accepted or official answer): it says so.
    resolved: Callable[[Any], bool] | None = None
    # The hits shown, loaded again with what their snippet and link need (one query).
    load_for_display: Callable[[list[int]], dict[int, Any]] | None = None
    # The public titles whose words correct typos ("did you mean"); the public items' titles
    # when None.
    vocabulary_titles: Callable[[], Iterable[str]] | None = None
    # Whether a hit is offered while a customer types a question; None: never.
    suggest_while_asking: Callable[[Any], bool] | None = None
    # Which related-content group its items are listed in (RELATED_SIMILAR or RELATED_HELP);
    # "": never listed as related content.
    related_group: str = ""
    # The model of ``public_items``: its saves, deletions and (for pages) publishing start a
    # new search generation, so cached related content never shows what was just hidden, and
    # refresh the item's search document (documents.py).
    model: type | None = None
    # The language of an item's text ("en" or "nl") when the item knows it; None: it is told
    # from the text (text.detect_language).
    language: Callable[[Any], str] | None = None


_sources: dict[str, SearchSource] = {}
_product_choices: list[Callable[[], list[tuple[int, str]]]] = []
_source_watchers: list[Callable[[SearchSource], None]] = []


def register_search_source(source: SearchSource) -> None:
    """Make a kind of content searchable (call from ``AppConfig.ready()``)."""
    registered = _sources.get(source.kind)
    if registered is not None and registered != source:
        raise ImproperlyConfigured(f"A search source of kind {source.kind!r} exists already.")
    _sources[source.kind] = source
    if source.model is not None:
        watch_changes(source.model)
        for watcher in _source_watchers:
            watcher(source)


def watch_sources(watcher: Callable[[SearchSource], None]) -> None:
    """Tell ``watcher`` of every source with a model, registered so far and from now on (the
    search documents follow their rows this way: documents.py reads this registry)."""
    if watcher in _source_watchers:
        return
    _source_watchers.append(watcher)
    for source in list(_sources.values()):
        if source.model is not None:
            watcher(source)


def search_sources() -> list[SearchSource]:
    """Every registered source, in the order of their ``position``."""
    return sorted(_sources.values(), key=lambda source: source.position)


def search_source(kind: str) -> SearchSource | None:
    return _sources.get(kind)


def register_product_choices(choices: Callable[[], list[tuple[int, str]]]) -> None:
    """The products a search can be narrowed to, as (pk, title) pairs in display order."""
    if choices not in _product_choices:
        _product_choices.append(choices)


def product_choices() -> list[tuple[int, str]]:
    return [choice for choices in _product_choices for choice in choices()]


def field_filter(field: str) -> ItemFilter:
    """A product or phase filter that compares one field of the items: ``field_filter("phase")``."""

    def narrowed(items: QuerySet, value) -> QuerySet:
        return items.filter(**{field: value})

    return narrowed


def register_parent_reindexing(*, child, parent_field: str, parent_label: str) -> None:
    """Saving a ``child`` row refreshes the search document of its parent (``parent_label``:
    "app_label.model"), whose search text includes its children's."""
    app_label, model_name = parent_label.lower().split(".")
    post_save.connect(
        parent_reindexer(parent_field=parent_field, app_label=app_label, model_name=model_name),
        sender=child,
        weak=False,
        dispatch_uid=f"search-reindex-{parent_label.lower()}",
    )
