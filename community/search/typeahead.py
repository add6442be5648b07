"""The header search box's type-ahead: the first few results as a customer types.

It is site search (``selectors.search_everything``) made cheap: at most TYPEAHEAD_LIMIT hits
from each kind's best few, no snippets, and the ranking cached briefly per normalised query,
since the same few letters are typed by many. The cache holds only which items ranked first;
every answer loads them again through their source's public rows, so an item hidden, held or
unpublished a moment ago never comes back from the cache. The last, half-typed word is
completed from the words of public titles ("cast ir" searches "cast iron"). Nothing here is
logged as a search: the content-gap log counts searches customers submitted, not keystrokes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from . import registry, selectors

TYPEAHEAD_LIMIT = 5
MIN_QUERY_LENGTH = 2
CACHE_SECONDS = 60
CACHE_PREFIX = "search:typeahead:"
# Each kind's best matches that compete for the five places: enough for the same first five
# as the full search nearly always, and a fraction of its work.
CANDIDATES_PER_KIND = 20


@dataclass(frozen=True)
class TypeaheadHit:
    kind: str
    title: str
    url: str

    @property
    def kind_label(self):
        return registry.search_source(self.kind).label


def completed_query(query: str) -> str:
    """The normalised query with its last word completed to the shortest public title word it
    begins ("ir" -> "iron"), when it is not a known word already."""
    head, _space, last = query.rpartition(" ")
    if len(last) < MIN_QUERY_LENGTH or last in selectors.STOP_WORDS:
        return query
    if selectors.is_known_word(last):
        return query
    vocabulary = selectors.title_vocabulary()
    completions = [word for word in vocabulary if word.startswith(last)]
    if not completions:
        return query
    best = min(completions, key=lambda word: (len(word), word))
    return f"{head} {best}".strip()


def cache_key(query: str) -> str:
    """Where the ranking for a normalised query is cached."""
    return CACHE_PREFIX + hashlib.sha256(query.encode()).hexdigest()[:32]


def typeahead_hits(raw_query: str | None) -> list[TypeaheadHit]:
    """The first TYPEAHEAD_LIMIT public results for what was typed so far; none for fewer
    than MIN_QUERY_LENGTH characters."""
    query = selectors.normalise_query(raw_query)
    if len(query) < MIN_QUERY_LENGTH:
        return []
    key = cache_key(query)
    ranked = cache.get(key)
    if ranked is not None:
        return _still_public(ranked)
    outcome = selectors.search_everything(
        completed_query(query), per_kind_limit=CANDIDATES_PER_KIND
    )
    first = outcome.hits[:TYPEAHEAD_LIMIT]
    ranked = [(hit.kind, hit.obj.pk) for hit in first]
    cache.set(key, ranked, CACHE_SECONDS)
    if any(registry.search_source(kind).load_for_display for kind, _pk in ranked):
        return _still_public(ranked)  # titled as shown: a page in the reader's language
    return [_hit(hit.kind, hit.obj) for hit in first]


def _still_public(ranked: list[tuple[str, int]]) -> list[TypeaheadHit]:
    """The ranked items that the public may still see, loaded now: one query per kind, and
    one more for a kind that loads its items for display (pages, titled in the reader's
    language)."""
    loaded: dict[tuple[str, int], object] = {}
    for kind in {kind for kind, _pk in ranked}:
        source = registry.search_source(kind)
        if source is None:  # a kind no longer registered
            continue
        pks = [pk for item_kind, pk in ranked if item_kind == kind]
        public = source.public_items().in_bulk(pks)
        if source.load_for_display is not None and public:
            public = source.load_for_display(list(public))
        for pk, item in public.items():
            loaded[(kind, pk)] = item
    return [_hit(kind, loaded[(kind, pk)]) for kind, pk in ranked if (kind, pk) in loaded]


def _hit(kind: str, item) -> TypeaheadHit:
    source = registry.search_source(kind)
    return TypeaheadHit(kind=kind, title=source.title(item), url=source.url(item))
