"""The Wagtail dashboard's small Insights panel: this week so far against last week."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from community.common.periods import week_start

from .selectors import week_comparison


class WeekSummaryPanel(Component):
    name = "insights_week_summary"
    template_name = "insights/admin/dashboard_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        return {"comparison": week_comparison(week_start(timezone.localdate()))}
