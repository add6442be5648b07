"""Which signed-in pages of cms are made of parts kept for every member who sees them alike.

A product page and a knowledge-base article show members mostly what they show everyone;
their parts are kept under the page generation (``community.common.page_cache``) and keyed on
the viewer's marks (``cms.sections.PageSection.viewer_marks``), and the whole page is kept
for every member with the same marks (``community.common.member_pages``). The generation is
read with the member's summary before anything it keeps: before Wagtail's serve view runs
(``prepare_page_request``), so that what Wagtail reads before our pages' code (the site, the
home page the address is routed from, the view restrictions) comes from reads kept under it
too. A page reached some other way is made in full: its ``serve()`` would read the generation
after the page, too late.
"""

from __future__ import annotations

from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import PageViewRestriction, Site

from community.common import member_pages
from community.common.page_cache import kept_read, member_fragment_key


def shares_member_parts(request) -> bool:
    """Whether this request's page is made of parts kept for every member who sees them
    alike: a signed-in member's GET whose generation was read before routing, not a
    preview (its draft may be unsaved)."""
    return getattr(request, "generation_read_before_routing", False) and not getattr(
        request, "is_preview", False
    )


def read_generation_first(request) -> None:
    """For a member's GET: read the page generation with their summary before routing reads
    the page (``member_pages.read_generation_first``)."""
    if request.method == "GET" and member_pages.read_generation_first(request):
        request.generation_read_before_routing = True


def prepare_page_request(request, view_args, view_kwargs) -> None:
    """Before Wagtail's serve view, for a request that read the generation (a member's, or a
    visitor's whose page is not kept yet): the site for the address and the home page in the
    reader's language come from reads kept under it, and the route is found from there, as
    Wagtail's ``Page.route_for_request`` would (it keeps what it found on the request, and
    the site too). Any change to a site, a locale or a page moves the generation on. Staff,
    who read no generation, are routed by Wagtail itself."""
    read_generation_first(request)
    if not hasattr(request, "page_generation"):
        return
    # Wagtail's own way of telling the address's host and port (no ALLOWED_HOSTS check).
    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    find = partial(Site._find_for_request, request)
    site = kept_read(request, "wagtail-site", find, hostname, port)
    if site is None:
        return  # no site: Wagtail answers with its 404
    request._wagtail_site = site
    language = translation.get_language()
    home = kept_read(
        request,
        "wagtail-home",
        lambda: site.root_page.localized.specific,
        site.pk,
        site.root_page_id,
        language,
    )
    # The address below the site's root, as Wagtail's serve(request, path) is given it.
    path = view_kwargs.get("path", view_args[0] if view_args else "")
    path_components = [part for part in path.split("/") if part]
    try:
        request._wagtail_route_for_request = home.route(request, path_components)
    except Http404:
        request._wagtail_route_for_request = None


class KnownViewRestrictions:
    """For a page class: Wagtail's check of the page's view restrictions (before it is
    served) costs no query when the routing found, under the page generation, that none
    apply to it (``note_view_restrictions``)."""

    def get_view_restrictions(self):
        if getattr(self, "known_unrestricted", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def note_view_restrictions(request, page) -> None:
    """Whether any view restriction applies to the page routed to (its own or an
    ancestor's, through aliases as Wagtail follows them), kept under the page generation: a
    restriction added, changed or removed anywhere moves it on. Only a request that read the
    generation asks; a restricted page is checked by Wagtail as always."""
    if not (hasattr(request, "page_generation") and isinstance(page, KnownViewRestrictions)):
        return
    restricted = kept_read(
        request, "view-restricted", lambda: page.get_view_restrictions().exists(), page.pk
    )
    page.known_unrestricted = not restricted


def kept_or_made(request, name: str, response):
    """A page's ``serve()`` response for a visitor or member: the member's page kept for
    their marks (``member_page_marks`` in the page's context, set only where
    ``shares_member_parts``) when there is one, else the page made now, kept for the next
    visitor or member with the same marks."""
    marks = (getattr(response, "context_data", None) or {}).get("member_page_marks")
    return member_pages.kept_or_made(request, name, lambda: response, viewer_marks=marks)


def known_route(home, request, path_components):
    """Where this address led under the current page generation, for a member whose
    generation was read before routing: the page found by its id in one query, instead of
    a query or two per level of the page tree. None when it is not known yet."""
    if not (path_components and shares_member_parts(request)):
        return None  # the home page itself is routed without a query
    known = cache.get(_route_key(request))
    if known is None:
        return None
    label, pk, depth = known
    if depth <= home.depth:
        return None  # a home page routes through here again: never remembered
    page = apps.get_model(label).objects.filter(pk=pk).first()
    if page is None:
        return None
    # The rest of the address is the page's own (an article's feedback/).
    return page.route(request, path_components[depth - home.depth :])


def remember_route(home, request, path_components, found) -> None:
    """Keep where the address led (``known_route``); any change to any page moves the
    generation on, so a page moved, renamed or unpublished is routed afresh."""
    page = found[0]
    # A home page (another language's, reached by its slug) routes through here again.
    if path_components and page.depth > home.depth and shares_member_parts(request):
        known = (page._meta.label, page.pk, page.depth)
        cache.set(_route_key(request), known, settings.PAGE_CACHE_SECONDS)


def _route_key(request) -> str:
    return member_fragment_key(request, "route", viewer_marks=())
