"""Send the letters about notices of illegal content that are still due (cron), or start the
scheduled task."""

from django.utils.translation import gettext_lazy

from community.moderation.notices import notice_emails_send_due, notice_emails_send_due_task
from community.notifications.send_command import SendDueCommand


class Command(SendDueCommand):
    help = (
        "E-mail the senders of notices the confirmations and decisions that failed or were "
        "not sent yet. Safe to run repeatedly: each letter is claimed before it is sent."
    )
    task = notice_emails_send_due_task
    interval_setting = "NOTIFICATIONS_DIGEST_INTERVAL_MINUTES"
    queued = gettext_lazy("Queued the notice e-mail task.")
    send = staticmethod(notice_emails_send_due)
    sent_report = gettext_lazy(
        "Notice e-mails: sent %(sent)s, skipped %(skipped)s, failed %(failed)s."
    )
