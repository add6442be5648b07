"""The one seam through which apps add their parts to the pages cms owns.

The product page shows a product's facts and support content (cms's own), and around them
what other apps hold: its questions and reviews (qa), its showcase topics (forum), the
articles that name it. The home page shows featured topics. cms imports none of those apps:
each registers a :class:`PageSection` in its ``AppConfig.ready()``
(``register_page_section``), and the page composes the registered sections when it is served:

- ``context(page, request)`` returns what the section's templates need; the page's context
  gets it, so the section's templates read it like the page's own fields;
- ``viewer_rows(page_id, viewer_id)`` names what the section reads of a signed-in viewer's
  own (whether they bought the product, their helpful votes): ``{kind: (queryset, column)}``
  with ids compared only with the two ids given. The page reads every section's rows in one
  query, its SQL built once per process (``community.common.prepared_queries``), and such a
  section's context is called ``context(page, request, rows)``, ``rows`` holding each kind's
  values (a kind without any is left out; a visitor's cost no query and hold none);
- ``templates`` says which template to render in which *place* of the page. A page's places
  are the named spots of its template (``PLACES`` below): the product page's "questions",
  "reviews" and "articles" places are its template blocks ``product_questions``,
  ``product_reviews`` and ``product_articles``; "header" is under the product's facts and
  "links" is the "On this page" list. Within a place, sections come in ``order``;
- ``structured_data(page, request, context)`` adds properties to the page's schema.org entity
  (the reviews add AggregateRating and Review to the Product);
- ``viewer_marks(page, request, context)`` says everything of the viewer's own that the
  section's templates show (the reviews: whether they may review or did, their helpful
  votes, the buttons their reviews offer them), or None when what it shows is theirs alone.
  A member's product page is kept once for every member with the same marks
  (``community.common.page_cache.member_fragment_key``), so a section whose templates show
  anything of the viewer's must say it here; a section without ``viewer_marks`` shows every
  member the same.

A section whose context costs queries and is the same for every member returns it
``when_shown``: it is read when a template shows it, and not at all when a member's page is
served from its kept copy.

A section's context costs the queries of that section only, whatever else the page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Value

from community.common.prepared_queries import PreparedQuery

PRODUCT_PAGE = "product"
HOME_PAGE = "home"

# The places of each page's template that sections can fill, in the order they appear.
PLACES = {
    PRODUCT_PAGE: ("header", "links", "questions", "reviews", "articles", "featured"),
    HOME_PAGE: ("for_you", "featured"),
}


@dataclass(frozen=True)
class PageSection:
    """One app's part of a cms page: the product page's reviews, the home page's showcase."""

    page: str  # PRODUCT_PAGE or HOME_PAGE
    key: str  # unique on its page: "reviews"
    order: int  # among the sections filling the same place, lowest first
    templates: Mapping[str, str]  # place -> template rendered there
    context: Callable[[Any, Any], dict] | None = None  # (page, request) -> template context
    # (page, request, context) -> properties added to the page's schema.org entity
    structured_data: Callable[[Any, Any, dict], dict] | None = None
    # (page, request, context) -> what of the viewer's the templates show (None: theirs alone)
    viewer_marks: Callable[[Any, Any, dict], Any] | None = None
    # (page id, viewer id) -> {kind: (queryset, column)}: the viewer's own rows it reads
    viewer_rows: Callable[[int, int], Mapping[str, tuple]] | None = None


_sections: dict[str, dict[str, PageSection]] = {page: {} for page in PLACES}


def register_page_section(section: PageSection) -> None:
    """Add a section to a page (call from ``AppConfig.ready()``)."""
    if section.page not in PLACES:
        raise ImproperlyConfigured(f"cms has no page {section.page!r} to add sections to.")
    unknown = set(section.templates) - set(PLACES[section.page])
    if unknown:
        raise ImproperlyConfigured(
            f"The {section.page} page has no place {sorted(unknown)} for {section.key!r}."
        )
    if section.viewer_rows is not None and section.templates and section.viewer_marks is None:
        # What a section reads of the viewer's own and shows must key the member's kept page.
        raise ImproperlyConfigured(
            f"The {section.key!r} section shows the viewer's rows: it must say its viewer_marks."
        )
    registered = _sections[section.page].get(section.key)
    if registered is not None and registered != section:
        raise ImproperlyConfigured(f"The {section.page} page has a {section.key!r} section.")
    _sections[section.page][section.key] = section


def page_sections(page: str) -> list[PageSection]:
    """The sections registered for a page, in their order."""
    return sorted(_sections[page].values(), key=lambda section: (section.order, section.key))


def compose(page: str, instance, request) -> dict:
    """The context the page's sections add: each section's own context, and
    ``page_sections``, the templates to render in each place of the page, in order."""
    context: dict = {}
    templates: dict[str, list[str]] = {place: [] for place in PLACES[page]}
    sections = page_sections(page)
    rows = _viewer_rows(page, sections, instance, request)
    for section in sections:
        if section.context is not None and section.viewer_rows is not None:
            context.update(section.context(instance, request, rows[section.key]))
        elif section.context is not None:
            context.update(section.context(instance, request))
        for place, template in section.templates.items():
            templates[place].append(template)
    context["page_sections"] = templates
    return context


class _ViewerRowsQuery:
    """Every section's ``viewer_rows`` of a page, as one union of (kind's number, value)."""

    def __init__(self, sections: tuple[PageSection, ...]):
        self._sections = sections
        self._kinds: list[tuple[str, str]] = []  # (section, kind) by number, as the SQL has them
        self._query = PreparedQuery(self._build)

    def _build(self, *, page: int, viewer: int):
        # Numbered in a list of its own, handed over whole once built: a second thread
        # building at the same moment makes the same list and never sees one half made.
        kinds: list[tuple[str, str]] = []
        parts = []
        for section in self._sections:
            for kind, (rows, column) in sorted(section.viewer_rows(page, viewer).items()):
                parts.append(rows.order_by().values_list(Value(len(kinds)), column))
                kinds.append((section.key, kind))
        self._kinds = kinds
        first, *others = parts
        return first.union(*others, all=True) if others else first

    def read(self, page: int, viewer: int) -> dict[str, dict[str, list]]:
        _, rows = self._query.rows(page=page, viewer=viewer)
        found: dict[str, dict[str, list]] = {section.key: {} for section in self._sections}
        for number, value in rows:
            section, kind = self._kinds[number]
            found[section].setdefault(kind, []).append(value)
        return found


# One per page and the sections reading rows there (registered in AppConfig.ready()).
_viewer_rows_queries: dict[tuple, _ViewerRowsQuery] = {}


def _viewer_rows(page: str, sections: list[PageSection], instance, request) -> dict[str, dict]:
    """Each section's ``viewer_rows`` for the viewer: one query for a signed-in viewer, none
    for a visitor."""
    reading = tuple(section for section in sections if section.viewer_rows is not None)
    if not reading:
        return {}
    user = request.user
    if not user.is_authenticated:
        return {section.key: {} for section in reading}
    key = (page, *(section.key for section in reading))
    query = _viewer_rows_queries.get(key)
    if query is None:
        query = _viewer_rows_queries[key] = _ViewerRowsQuery(reading)
    return query.read(instance.pk, user.pk)


def structured_data_additions(page: str, instance, request, context: dict) -> dict:
    """What the page's sections add to its schema.org entity, in the sections' order."""
    additions: dict = {}
    for section in page_sections(page):
        if section.structured_data is not None:
            additions.update(section.structured_data(instance, request, context))
    return additions


def sections_viewer_marks(page: str, instance, request, context: dict) -> tuple | None:
    """The viewer's marks of every section of the page (see ``PageSection.viewer_marks``),
    or None when one of them shows what is the viewer's alone."""
    marks = []
    for section in page_sections(page):
        if section.viewer_marks is not None:
            mark = section.viewer_marks(instance, request, context)
            if mark is None:
                return None
            marks.append((section.key, mark))
    return tuple(marks)


def when_shown(read: Callable[[], Any]) -> Callable[[], Any]:
    """``read`` made when a template first shows it, once (templates call what they are
    given): a member served the page's kept parts never reads it."""
    return cache(read)
