"""Send the review invitations that are due, once (for cron), or start the scheduled task."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from qa.services import review_invitations_send_due
from qa.tasks import review_invitations_send_due_task


class Command(BaseCommand):
    help = (
        "E-mail buyers whose delivery is due for a review invitation. Safe to run repeatedly "
        "and at the same time as the scheduled task: each invitation is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=(
                "Queue the background task instead; with a task worker it runs again every "
                "REVIEW_INVITATION_INTERVAL_MINUTES."
            ),
        )

    def handle(self, *args, schedule: bool = False, **options):
        if schedule:
            result = review_invitations_send_due_task.enqueue()
            self.stdout.write(_("Queued the review invitation task (%(id)s).") % {"id": result.id})
            return
        run = review_invitations_send_due()
        self.stdout.write(
            _("Review invitations: sent %(sent)s, skipped %(skipped)s, failed %(failed)s.")
            % {"sent": run.sent, "skipped": run.skipped, "failed": run.failed}
        )
