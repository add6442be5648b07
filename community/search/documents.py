"""Keeps one search document (models.SearchDocument) per public item of every registered kind.

An item's document holds its title and text as stems in its language (text.py): the text of
the search fields its model declares for Wagtail (a question's body and published answers, an
article's summary, body and tags, ...). The language is the source's when it says (a
``language`` of the source), otherwise told from the text.

Saving, hiding, restoring, deleting, publishing or unpublishing an item (or saving a child
whose text its parent's document holds: an answer, a post) enqueues ``refresh_document_task``.
With the in-process task backend it runs once the write transaction has ended
(community/common/tasks.py), so the text is never built while the write lock is held; with a
worker, after the commit. The task reads the item through its source's public rows: an item
the public may not see loses its document.

``rebuild_documents`` (``manage.py update_index``) builds every document again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Manager
from django_tasks import task
from modelsearch.index import RelatedFields, SearchField

from community.common.transactions import write_transaction

from . import registry, text
from .freshness import VISIBLE_FIELDS, watch_rows
from .models import SearchDocument

logger = logging.getLogger(__name__)

# Bounded work per item, and a bounded document for the database to rank: a question with
# hundreds of answers is found by its first few thousand words as well.
MAX_BODY_CHARACTERS = 60_000
REBUILD_BATCH = 500


# SECTION building a document


def document_for(source: registry.SearchSource, item) -> SearchDocument:
    """The (unsaved) document of a public ``item`` of ``source``."""
    title, body = searchable_text(item)
    body = body[:MAX_BODY_CHARACTERS]
    language = (source.language(item) if source.language else "") or text.detect_language(
        f"{title} {body}"
    )
    return SearchDocument(
        kind=source.kind,
        object_id=item.pk,
        language=language,
        title=" ".join(text.document_stems(title, language)),
        body=" ".join(text.document_stems(body, language)),
    )


def searchable_text(item) -> tuple[str, str]:
    """The item's title and the rest of its searchable text, from the search fields its model
    declares (the same fields Wagtail's index reads)."""
    titles: list[str] = []
    bodies: list[str] = []
    for field in type(item).get_search_fields():
        for searched, value in _field_values(item, field):
            (titles if searched.field_name == "title" else bodies).append(value)
    return " ".join(titles), " ".join(bodies)


def _field_values(obj, field) -> Iterable[tuple[SearchField, str]]:
    if isinstance(field, SearchField):
        yield field, _as_text(field.get_value(obj))
    elif isinstance(field, RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return
        if isinstance(related, Manager):
            related = list(related.all())
        elif callable(related):
            related = [related()]
        elif not isinstance(related, list | tuple):
            related = [related]
        for sub_obj in related:
            for sub_field in field.fields:
                # A related title (a tag's name) is text, not the item's title.
                for _searched, value in _field_values(sub_obj, sub_field):
                    yield _BODY, value


_BODY = SearchField("body")


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return str(value)


# SECTION keeping documents current


def refresh_document(kind: str, pk: int) -> None:
    """Build the document of item ``pk`` of ``kind`` again, or drop it when the public may no
    longer see the item (or the kind is gone)."""
    source = registry.search_source(kind)
    item = source.public_items().filter(pk=pk).first() if source else None
    if item is None:
        _drop(kind, pk)
        return
    _store(document_for(source, item))


@write_transaction
def _store(document: SearchDocument) -> None:
    # One upsert: no read first, no savepoints, and no window in which two writers of the
    # same item both find no row.
    SearchDocument.objects.bulk_create(
        [document],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["language", "title", "body", "indexed_at"],
    )


@write_transaction
def _drop(kind: str, pk: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=pk).delete()


@task()
def refresh_document_task(kind: str, pk: int) -> None:
    refresh_document(kind, int(pk))


def refresh_later(kind: str, pk) -> None:
    """Refresh the item's document once the write that changed it has ended."""
    refresh_document_task.enqueue(kind, int(pk))


def watch_source(source: registry.SearchSource) -> None:
    """Refresh an item's document whenever a row of the source's model is saved, deleted,
    published or unpublished (the app's ready() hands it to registry.watch_sources)."""
    model = source.model
    searched = VISIBLE_FIELDS | {
        field.field_name for field in model.get_search_fields() if hasattr(field, "field_name")
    }

    def changed(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
        # A counter or a timestamp (update_fields without a searched field) changes no text.
        if raw or (update_fields is not None and not searched.intersection(update_fields)):
            return
        refresh_later(source.kind, instance.pk)

    watch_rows(model, changed, uid=f"search-document-{source.kind}")


def refresh_parent_later(parent_label: str, pk) -> None:
    """Refresh the document of the item of model ``parent_label`` ("qa.question") whose text
    includes a child's that was just saved."""
    for source in registry.search_sources():
        if source.model is not None and source.model._meta.label_lower == parent_label:
            refresh_later(source.kind, pk)


# SECTION building every document


def rebuild_documents() -> int:
    """Every public item's document built again, and documents of items no longer public (or
    of kinds no longer registered) dropped; returns how many documents there are."""
    sources = registry.search_sources()
    _drop_kinds_except([source.kind for source in sources])
    for source in sources:
        batch: list[SearchDocument] = []
        for item in source.public_items().order_by("pk").iterator(chunk_size=REBUILD_BATCH):
            batch.append(document_for(source, item))
            if len(batch) >= REBUILD_BATCH:
                _replace(source.kind, batch)
                batch = []
        if batch:
            _replace(source.kind, batch)
        _drop_hidden(source)
    return SearchDocument.objects.count()


@write_transaction
def _replace(kind: str, documents: list[SearchDocument]) -> None:
    SearchDocument.objects.filter(
        kind=kind, object_id__in=[document.object_id for document in documents]
    ).delete()
    SearchDocument.objects.bulk_create(documents)


@write_transaction
def _drop_hidden(source: registry.SearchSource) -> None:
    SearchDocument.objects.filter(kind=source.kind).exclude(
        object_id__in=source.public_items().values("pk")
    ).delete()


@write_transaction
def _drop_kinds_except(kinds: list[str]) -> None:
    SearchDocument.objects.exclude(kind__in=kinds).delete()


def fill_when_empty(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """After ``migrate``: a site that has content but no search documents yet (the first
    migrate after documents came) gets them built, so search keeps finding it."""
    tables = connections[using].introspection.table_names()
    if SearchDocument._meta.db_table not in tables or SearchDocument.objects.exists():
        return
    if any(source.public_items().exists() for source in registry.search_sources()):
        logger.info("Building the site search documents.")
        rebuild_documents()
