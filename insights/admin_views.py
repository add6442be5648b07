"""Insights in the Wagtail admin: the figures of a period, each table as CSV, and the weekly
e-mail switch."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .periods import InsightsForm
from .permissions import check_can_view_insights
from .tables import table_csv


def insights_view(request):
    """The figures, charts and tables for the chosen period and filters; bad input gets the
    form back with what is wrong (status 400) and no figures."""
    check_can_view_insights(request.user)
    form = InsightsForm(request.GET)
    context = {
        "header_title": _("Insights"),
        "form": form,
        "subscribed": services.summary_subscribed(request.user),
        "query": request.GET.urlencode(),
    }
    if not form.is_valid():
        return render(request, "insights/admin/insights.html", context, status=400)
    report = selectors.insights_report(form.window(), form.filters())
    context.update(report=report, tables=list(report.tables.values()))
    return render(request, "insights/admin/insights.html", context)


def insights_csv_view(request, table):
    """One table of the page, for the same period and filters, as a CSV file."""
    check_can_view_insights(request.user)
    form = InsightsForm(request.GET)
    if not form.is_valid():
        problems = [str(error) for errors in form.errors.values() for error in errors]
        return HttpResponse(
            " ".join(problems), status=400, content_type="text/plain; charset=utf-8"
        )
    window = form.window()
    found = selectors.insights_table(table, window, form.filters())
    if found is None:
        raise Http404
    response = HttpResponse(table_csv(found), content_type="text/csv; charset=utf-8")
    filename = f"insights-{table}-{window.first.isoformat()}-{window.last.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
def summary_subscription_view(request):
    """Start or stop the weekly summary e-mail for oneself."""
    check_can_view_insights(request.user)
    on = request.POST.get("on") == "1"
    services.summary_subscription_set(user=request.user, on=on)
    if on:
        messages.success(request, _("You will receive the Insights summary every Monday."))
    else:
        messages.success(request, _("You will no longer receive the Insights summary."))
    return redirect(
        reverse("insights") + (f"?{request.POST['query']}" if request.POST.get("query") else "")
    )
