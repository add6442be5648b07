from community.notifications import emails
from community.notifications.send_command import SendDueCommand
from community.notifications.tasks import send_due_digests


class Command(SendDueCommand):
    help = (
        "Send the daily and weekly notification digests that are due, and retry failed "
        "notification e-mails. For cron (e.g. every hour); running it twice sends nothing twice."
    )
    task = send_due_digests
    interval_setting = "NOTIFICATIONS_DIGEST_INTERVAL_MINUTES"
    queued = "Queued the digest task."

    def send_due(self) -> str:
        sent = emails.digests_send_due()
        retried = emails.notification_emails_retry_safely()
        return self.style.SUCCESS(
            f"Sent {sent} digests; sent {retried} e-mails that failed before."
        )
