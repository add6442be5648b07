"""Send last week's Insights summary to the staff who asked for it (for cron), or start the
scheduled task."""

from django.utils.translation import gettext_lazy as _

from community.notifications.send_command import SendDueCommand
from insights.services import summary_emails_send_due
from insights.tasks import send_insights_summaries


class Command(SendDueCommand):
    help = (
        "E-mail last week's Insights summary to staff and editors who opted in. Safe to run "
        "often and at the same time as the scheduled task: each summary is sent once."
    )
    task = send_insights_summaries
    interval_setting = "INSIGHTS_SUMMARY_INTERVAL_MINUTES"
    queued = _("Queued the Insights summary task.")
    send = staticmethod(summary_emails_send_due)
    sent_report = _("Insights summaries: sent %(sent)s, skipped %(skipped)s, failed %(failed)s.")
