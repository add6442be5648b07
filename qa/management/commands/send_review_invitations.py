"""Send the review invitations that are due, once (for cron), or start the scheduled task."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.notifications.send_command import SendDueCommand
from qa.services import review_invitations_send_due
from qa.tasks import review_invitations_send_due_task


class Command(SendDueCommand):
    help = (
        "E-mail buyers whose delivery is due for a review invitation. Safe to run repeatedly "
        "and at the same time as the scheduled task: each invitation is sent once."
    )
    task = review_invitations_send_due_task
    interval_setting = "REVIEW_INVITATION_INTERVAL_MINUTES"
    send = staticmethod(review_invitations_send_due)
    sent_report = gettext_lazy(
        "Review invitations: sent %(sent)s, skipped %(skipped)s, failed %(failed)s."
    )

    def schedule(self) -> str:
        # Queued directly, so that a backend that is down fails the command, and the result's
        # id is printed for looking it up.
        result = self.task.enqueue()
        return _("Queued the review invitation task (%(id)s).") % {"id": result.id}
