"""Send last week's Insights summary to the staff who asked for it (for cron), or start the
scheduled task."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from community.notifications.tasks import enqueue_safely
from insights.services import summary_emails_send_due
from insights.tasks import send_insights_summaries


class Command(BaseCommand):
    help = (
        "E-mail last week's Insights summary to staff and editors who opted in. Safe to run "
        "often and at the same time as the scheduled task: each summary is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=(
                "Queue the background task instead; with a task worker it runs again every "
                "INSIGHTS_SUMMARY_INTERVAL_MINUTES."
            ),
        )

    def handle(self, *args, schedule: bool = False, **options):
        if schedule:
            enqueue_safely(send_insights_summaries)
            self.stdout.write(_("Queued the Insights summary task."))
            return
        run = summary_emails_send_due()
        self.stdout.write(
            _("Insights summaries: sent %(sent)s, skipped %(skipped)s, failed %(failed)s.")
            % {"sent": run.sent, "skipped": run.skipped, "failed": run.failed}
        )
