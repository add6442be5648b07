from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from community.common.admin_menu import register_admin_view

from . import admin_views
from .dashboard import WeekSummaryPanel
from .permissions import can_view_insights

register_admin_view(
    "insights/",
    [
        path("", admin_views.insights_view, name="insights"),
        path("csv/<slug:table>/", admin_views.insights_csv_view, name="insights-csv"),
        path(
            "summary-email/", admin_views.summary_subscription_view, name="insights-summary-email"
        ),
    ],
    label=_("Insights"),
    icon="table",
    order=256,
    shown_to=can_view_insights,
)


@hooks.register("construct_homepage_panels")
def add_week_summary(request, panels):
    """The dashboard's summary panel, for those who may see Insights."""
    if can_view_insights(request.user):
        panels.append(WeekSummaryPanel())
