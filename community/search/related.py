"""Related content for a question or topic page: "Similar questions" (questions and forum
topics) and "Articles that may help" (articles and FAQ), found by the one site search with the
item's own title words, across kinds: a topic leads to the question that answers it and the
other way round.

Only what site search finds is listed, so only public items. The lists are cached per item
under the search's content generation (freshness.py): a hidden, held or unpublished item
drops out at once, and a page with a warm cache asks the database nothing for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import get_language

from . import registry, selectors
from .freshness import content_generation

RELATED_LIMIT = 4  # items per group
RELATED_MAX_TERMS = 6  # title words searched at most: bounded work for a long title
RELATED_CACHE_SECONDS = 300
SAME_PRODUCT_BOOST = 1.5  # an item about the same product counts this much more
# An item much weaker than the best one found shares a word or two with it, not the subject.
RELATED_MIN_SCORE_SHARE = 0.35


@dataclass(frozen=True)
class RelatedLink:
    """One related item, as small as the page needs (kept in the cache, no model rows)."""

    kind: str
    title: str
    url: str
    resolved: bool = False

    @property
    def kind_label(self):
        return registry.search_source(self.kind).label


@dataclass(frozen=True)
class RelatedContent:
    similar: tuple[RelatedLink, ...] = ()  # questions and discussions
    helpful: tuple[RelatedLink, ...] = ()  # articles and FAQ

    def __bool__(self) -> bool:
        return bool(self.similar or self.helpful)


def related_content(
    item_kind: str, obj, *, product_id: int | None = None, limit: int = RELATED_LIMIT
) -> RelatedContent:
    """What else may help the reader of ``obj`` (a hit of ``item_kind``), at most ``limit`` per
    group, the item itself left out. Items about ``product_id`` (the item's own product) and
    resolved questions rank higher; neither is required."""
    key = ":".join(
        str(part)
        for part in (
            "search:related",
            content_generation(),
            get_language() or "",
            item_kind,
            obj.pk,
            product_id or 0,
            limit,
        )
    )
    found = cache.get(key)
    if found is None:
        found = _related(item_kind, obj, product_id=product_id, limit=limit)
        cache.set(key, found, RELATED_CACHE_SECONDS)
    return found


def title_terms(title: str) -> list[str]:
    """The title's most telling words, at most RELATED_MAX_TERMS: the longest, in title order."""
    terms = selectors.query_terms(selectors.normalise_query(title))
    kept = set(sorted(terms, key=len, reverse=True)[:RELATED_MAX_TERMS])
    return [term for term in terms if term in kept]


def _related(item_kind: str, obj, *, product_id: int | None, limit: int) -> RelatedContent:
    source = registry.search_source(item_kind)
    terms = title_terms(source.title(obj)) if source else []
    if not terms:
        return RelatedContent()
    hits = [
        hit
        # Each kind offers only as many as the lists can show (and the item itself).
        for hit in selectors.search_everything(" ".join(terms), per_kind_limit=limit * 3 + 1).hits
        if registry.search_source(hit.kind).related_group
    ]
    if not hits:
        return RelatedContent()
    # Measured against the best hit, usually the item itself (its own title matches fully).
    floor = hits[0].score * RELATED_MIN_SCORE_SHARE
    hits = [
        hit
        for hit in hits
        if hit.score >= floor and not (hit.kind == item_kind and hit.obj.pk == obj.pk)
    ]
    groups: dict[str, list[selectors.SearchHit]] = {
        registry.RELATED_SIMILAR: [],
        registry.RELATED_HELP: [],
    }
    for hit in hits:
        group = groups[registry.search_source(hit.kind).related_group]
        # A few more than shown, so an item about the same product can move up.
        if len(group) < limit * 3:
            group.append(hit)
    if product_id:
        candidates = groups[registry.RELATED_SIMILAR] + groups[registry.RELATED_HELP]
        same_product = selectors.hits_of_product(candidates, product_id)
        for hit in candidates:
            if (hit.kind, hit.obj.pk) in same_product:
                hit.score *= SAME_PRODUCT_BOOST
    return RelatedContent(
        similar=_links(groups[registry.RELATED_SIMILAR], limit),
        helpful=_links(groups[registry.RELATED_HELP], limit),
    )


def _links(hits: list[selectors.SearchHit], limit: int) -> tuple[RelatedLink, ...]:
    best = sorted(hits, key=lambda hit: (-hit.score, hit.title))[:limit]
    return tuple(
        RelatedLink(
            kind=hit.kind,
            title=hit.title,
            url=registry.search_source(hit.kind).url(hit.obj),
            resolved=hit.resolved,
        )
        for hit in best
    )
