"""Pages in English and Dutch (Wagtail's localisation, translated by editors with "Translate").

The site's root page is the source tree, in the site's default language: the shop's import
writes its product pages there, and what members post (questions, reviews, topics) is about
those pages. Editors translate a page into the other language; the translation is a page of
its own in the other language's tree, with the same slug, so one address serves both: the
active language picks the tree (``HomePage.route``), and a page without a translation is
shown in its original language.

A translated product page shows the same community content as its original: its sections
are composed for the source page (``source_page``).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from wagtail.models import Page, Site

from community.common.models import language_now


def _site_root(request) -> Page | None:
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site is not None else None


def source_page(page, request=None):
    """The page in the source tree (the site's root page's language) that ``page`` translates,
    or ``page`` itself: it is the original, or its original is gone. No query for an original
    when the request's site is known; one otherwise."""
    root = _site_root(request)
    if root is not None and page.locale_id == root.locale_id:
        return page
    in_source = (
        {"locale_id": root.locale_id}
        if root is not None
        else {"locale__language_code": settings.LANGUAGE_CODE}
    )
    source = (
        page.__class__.objects.filter(translation_key=page.translation_key, **in_source)
        .exclude(pk=page.pk)
        .first()
    )
    return source if source is not None else page


def title_in_reader_language(page_field: str = ""):
    """An expression for a query's annotation: the title of the page at ``page_field`` (a
    foreign key's name, "product"; empty for the queried pages themselves) in the active
    language: its live translation's title where it has one, its own otherwise.

    Part of the query it annotates, so a list costs no query more, however many pages it
    names; the plain title when the active language is the default one. Built per request,
    in the active language: never kept in a module-level queryset."""
    prefix = f"{page_field}__" if page_field else ""
    if language_now() == settings.LANGUAGE_CODE:
        return F(f"{prefix}title")
    translation = Page.objects.filter(
        translation_key=OuterRef(f"{prefix}translation_key"),
        locale__language_code=language_now(),
        live=True,
    ).values("title")[:1]
    return Coalesce(Subquery(translation), F(f"{prefix}title"))


def in_reader_language(pages, *, keep=(), related=()) -> list:
    """Each of ``pages`` (originals, as a listing of the source tree has them) as its live
    translation in the active language where it has one, in the same order; ``keep`` names
    what the listing put on the originals (counts), carried over; ``related``: what to join.
    One query, none when the active language is the default one."""
    pages = list(pages)
    language = language_now()
    if not pages or language == settings.LANGUAGE_CODE:
        return pages
    translations = (
        type(pages[0])
        .objects.live()
        .filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=language,
        )
        .select_related(*related)
    )
    by_key = {page.translation_key: page for page in translations}
    shown = []
    for page in pages:
        translation = by_key.get(page.translation_key, page)
        for name in keep:
            setattr(translation, name, getattr(page, name))
        shown.append(translation)
    return shown


def with_texts_in_reader_language(pages, fields=("title",)) -> list:
    """Each of ``pages`` (originals, as a listing of the source tree has them) with its
    ``fields`` (its wording) taken from its live translation in the active language where it
    has one; everything else (a product's shop facts) stays the original's. In the same order;
    one query, none when the active language is the default one."""
    pages = list(pages)
    language = language_now()
    if not pages or language == settings.LANGUAGE_CODE:
        return pages
    wording = {
        row["translation_key"]: row
        for row in type(pages[0])
        .objects.live()
        .filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=language,
        )
        .values("translation_key", *fields)
    }
    for page in pages:
        for name in fields if page.translation_key in wording else ():
            setattr(page, name, wording[page.translation_key][name])
    return pages


def in_source_language(pages: QuerySet) -> QuerySet:
    """Only the pages of the source tree (the default language): each page once, whatever
    its translations (site search, the product filter, sitemaps)."""
    return pages.filter(locale__language_code=settings.LANGUAGE_CODE)


def route_elsewhere(home, request, path_components):
    """Route ``path_components`` in the other languages' trees (the source tree first), after
    ``home``'s own tree had no page there: the page is shown in its original language, or in
    the active language when it has a live translation (whose slug an editor changed)."""
    homes = sorted(
        home.get_translations().live().select_related("locale"),
        key=lambda other: other.locale.language_code != settings.LANGUAGE_CODE,
    )
    for other in homes:
        try:
            found = Page.route(other.specific, request, path_components)
        except Http404:
            continue
        translation = found.page.localized
        if translation.pk == found.page.pk:
            return found
        # Routed again from the translation, so that a routable page's view (an article's
        # feedback/) is the translation's own.
        rest = path_components[found.page.depth - other.depth :]
        return translation.specific.route(request, rest)
    return None
