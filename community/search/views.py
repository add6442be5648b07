"""Site search: the results page, the click-through that counts opened results, the
suggestions shown under the ask form's title and the header box's type-ahead (htmx)."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from community.accounts.member_summary import member_summary
from community.common import ratelimit
from community.common.buying_phase import Phase
from community.common.page_cache import generation_for, member_fragment_key
from community.common.views import query_int

from . import promotions, selectors, services, typeahead

PAGE_SIZE = 10


def _safe_local_url(url: str | None) -> str:
    """Only our own relative URLs ("/questions/1-x/"), never another site."""
    url = (url or "").strip()
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        return ""
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return ""
    return url


@dataclass(frozen=True)
class ResultsPart:
    """The results part of a search page as made once (kept under the page generation)."""

    query: str  # normalised
    content: bytes  # the part's HTML, compressed
    # The result count the search is logged with; None: not logged (a filtered search, a
    # later page, no words to search for).
    logged_count: int | None


@require_GET
def search_results(request: HttpRequest) -> HttpResponse:
    """The results page. Its results part (all but the page's frame) is the same for every
    reader of the same address and language while nothing the site stores changes, so it is
    kept under the page generation (read first: a member's with their summary, in the same
    query) and shared by visitors and members; every search is still counted."""
    member_summary(request, with_page_generation=True)
    key = member_fragment_key(request, "search-results", viewer_marks=())
    part = cache.get(key)
    if part is None:
        part = _results_part(request)
        cache.set(key, part, settings.PAGE_CACHE_SECONDS)
    if part.logged_count is not None:
        services.search_log_record(query=part.query, result_count=part.logged_count)
    results = zlib.decompress(part.content).decode()
    return render(
        request,
        "search/results.html",
        {"query": part.query, "results": mark_safe(results)},  # noqa: S308 (our template's)
    )


def _results_part(request: HttpRequest) -> ResultsPart:
    raw_query = request.GET.get("q", "")
    kind_choices = selectors.kind_choices()
    kind = request.GET.get("type", "")
    kind = kind if kind in dict(kind_choices) else ""
    phase = request.GET.get("phase", "")
    phase = phase if phase in Phase.values else ""
    product_id = query_int(request.GET.get("product"))

    outcome = selectors.search_everything_kept(
        raw_query,
        generation=generation_for(request),
        kind=kind,
        product_id=product_id,
        phase=phase,
    )
    # Editors' promoted results answer the plain search; a filtered one shows what it asks for.
    promoted = []
    if outcome.terms and not (kind or phase or product_id):
        promoted = promotions.promoted_results(outcome.query, request)
        outcome.hits = promotions.without_promoted(outcome.hits, promoted)
        for result in promoted:
            local = _safe_local_url(result.url)
            result.link = (
                _through(reverse("search:click"), query=outcome.query, url=local)
                if local
                else result.url
            )
    paginator = Paginator(outcome.hits, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    hits = selectors.prepare_hits(list(page_obj.object_list), outcome.marked_terms)
    for hit in hits:
        hit.link = _through(reverse("search:click"), query=outcome.query, url=hit.url)
    content = render_to_string(
        "search/includes/results.html",
        {
            "query": outcome.query,
            "raw_query": raw_query[: selectors.MAX_QUERY_LENGTH],
            "outcome": outcome,
            "hits": hits,
            "promoted": promoted if page_obj.number == 1 else [],
            "page_obj": page_obj,
            "kind": kind,
            "phase": phase,
            "product_id": product_id,
            "filter_count": sum(1 for value in (kind, phase, product_id) if value),
            "kind_choices": kind_choices,
            "phase_choices": Phase.choices,
            "product_choices": selectors.product_choices(),
            "ask_url": f"{reverse('qa:question-ask')}?{urlencode({'title': outcome.query})}",
        },
        request=request,
    )
    # Only unfiltered first pages count: a content gap is what the plain search cannot find.
    logged = outcome.terms and not (kind or phase or product_id) and page_obj.number == 1
    return ResultsPart(
        query=outcome.query,
        content=zlib.compress(content.encode(), 1),
        logged_count=outcome.count + len(promoted) if logged else None,
    )


@require_GET
def result_click(request: HttpRequest) -> HttpResponse:
    """Counts an opened result for the query's content-gap log, then goes there."""
    target = _safe_local_url(request.GET.get("to"))
    if not target:
        return HttpResponseRedirect(reverse("search"))
    services.search_log_click(query=selectors.normalise_query(request.GET.get("q")))
    return HttpResponseRedirect(target)


def _through(endpoint: str, *, query: str, url: str) -> str:
    return f"{endpoint}?{urlencode({'q': query, 'to': url})}"


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """A small fragment under the ask form's title: what already answers it, the chosen
    product's and phase's first. Anonymous-safe, rate limited per IP address, at most
    SUGGESTION_LIMIT items."""
    decision = ratelimit.hit(
        "search-suggestions",
        key=ratelimit.client_ip(request),
        rate=settings.SEARCH_SUGGESTIONS_RATE,
    )
    if not decision.allowed:
        return ratelimit.too_many_requests(HttpResponse(""), decision.retry_after)
    title = request.GET.get("title") or request.GET.get("q") or ""
    # The product and phase chosen in the form: that product's and phase's answers first.
    phase = request.GET.get("phase", "")
    context = {
        "product_id": query_int(request.GET.get("product")),
        "phase": phase if phase in Phase.values else "",
    }
    hits = selectors.suggestions_for_title(title, **context) if len(title.strip()) >= 3 else []
    typed = selectors.normalise_query(title)
    for hit in hits:
        hit.link = _through(reverse("search:suggestion-open"), query=typed, url=hit.url)
    return render(
        request,
        "search/includes/suggestions.html",
        {"suggestions": hits},
    )


@require_GET
def suggestion_open(request: HttpRequest) -> HttpResponse:
    """A suggestion opened from the ask form (in a new tab, so the draft stays): recorded as a
    possible deflection, cancelled if this visitor posts a question soon after."""
    target = _safe_local_url(request.GET.get("to"))
    if not target:
        return HttpResponseRedirect(reverse("search"))
    # Counted per address, so nobody can fill the table; over the limit the visitor still
    # gets the page, only not counted.
    decision = ratelimit.hit(
        "search-deflection", key=ratelimit.client_ip(request), rate=settings.SEARCH_DEFLECTION_RATE
    )
    if decision.allowed:
        services.deflection_record(
            session=request.session,
            query=selectors.normalise_query(request.GET.get("q")),
            target_url=target,
        )
    return HttpResponseRedirect(target)


@require_GET
def typeahead_results(request: HttpRequest) -> HttpResponse:
    """The header search box's type-ahead (htmx): the first few public results for what was
    typed so far. Never logged as a search; rate limited per IP address."""
    decision = ratelimit.hit(
        "search-typeahead", key=ratelimit.client_ip(request), rate=settings.SEARCH_TYPEAHEAD_RATE
    )
    if not decision.allowed:
        return ratelimit.too_many_requests(HttpResponse(""), decision.retry_after)
    raw_query = request.GET.get("q", "")[: selectors.MAX_QUERY_LENGTH]
    hits = typeahead.typeahead_hits(raw_query)
    return render(
        request,
        "search/includes/typeahead.html",
        {
            "hits": hits,
            "all_results_url": f"{reverse('search')}?{urlencode({'q': raw_query})}",
        },
    )
