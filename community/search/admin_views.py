"""The content-gaps report in the Wagtail admin: what customers searched for and did not find."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.accounts.permissions import check_is_community_staff

from . import selectors, services

PERIODS = (7, 30, 90)


def _period(request) -> int:
    try:
        days = int(request.GET.get("days", 30))
    except (TypeError, ValueError):
        days = 30
    return days if days in PERIODS else 30


def content_gaps_view(request):
    """Top searches with no results and with no opened result over 7, 30 or 90 days."""
    check_is_community_staff(request.user)
    days = _period(request)
    services.search_log_flush()  # this process's latest searches count too
    return render(
        request,
        "search/admin/content_gaps.html",
        {
            "header_title": _("Content gaps"),
            "days": days,
            "periods": PERIODS,
            "no_results": selectors.content_gaps(days=days, without="results"),
            "no_clicks": selectors.content_gaps(days=days, without="clicks"),
            "deflections": selectors.deflection_count(days=days),
        },
    )


@require_POST
def content_gap_handle_view(request):
    check_is_community_staff(request.user)
    query = selectors.normalise_query(request.POST.get("query"))
    if services.search_log_mark_handled(query=query):
        messages.success(request, _("“%(query)s” is marked as handled.") % {"query": query})
    return redirect(f"{reverse('search-content-gaps')}?days={_period(request)}")
