"""Which signed-in pages of cms are made of parts kept for every member who sees them alike.

A product page and a knowledge-base article show members mostly what they show everyone;
their parts are kept under the page generation (``community.common.page_cache``) and keyed on
the viewer's marks (``cms.sections.PageSection.viewer_marks``), and the whole page is kept
for every member with the same marks (``community.common.member_pages``). The generation is
read with the member's summary before anything it keeps: before Wagtail's routing reads the
page (``HomePage.route``). A page reached some other way is made in full: its ``serve()`` would
read the generation after the page, too late.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.cache import cache

from community.accounts.member_summary import member_summary
from community.accounts.permissions import is_community_staff
from community.common.member_pages import keep_member_page, kept_member_page
from community.common.page_cache import cache_for_visitors, member_fragment_key


def shares_member_parts(request) -> bool:
    """Whether this request's page is made of parts kept for every member who sees them
    alike: a signed-in member's GET whose generation was read before routing, not a
    preview (its draft may be unsaved)."""
    return getattr(request, "generation_read_before_routing", False) and not getattr(
        request, "is_preview", False
    )


def read_generation_first(request) -> None:
    """For a member's page (not staff's: their tools are theirs alone): read the page
    generation with their summary (one query), before the content kept under it, so that what
    is kept is at least this new."""
    user = request.user
    if request.method == "GET" and user.is_authenticated and not is_community_staff(user):
        member_summary(request, with_page_generation=True)
        request.generation_read_before_routing = True


def kept_or_made(request, name: str, response):
    """A page's ``serve()`` response for a visitor or member: the member's page kept for
    their marks (``member_page_marks`` in the page's context, set only where
    ``shares_member_parts``) when there is one, else the page made now, kept for the next
    visitor or member with the same marks."""
    marks = (getattr(response, "context_data", None) or {}).get("member_page_marks")
    if marks is not None:
        kept = kept_member_page(request, name, viewer_marks=marks)
        if kept is not None:
            return kept
    return keep_member_page(request, cache_for_visitors(response))


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
