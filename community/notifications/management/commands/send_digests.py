from django.core.management.base import BaseCommand

from community.notifications import emails
from community.notifications.tasks import enqueue_safely, send_due_digests


class Command(BaseCommand):
    help = (
        "Send the daily and weekly notification digests that are due, and retry failed "
        "notification e-mails. For cron (e.g. every hour); running it twice sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Instead, queue the digest task once; with a worker it then repeats itself.",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            enqueue_safely(send_due_digests)
            self.stdout.write("Queued the digest task.")
            return
        sent = emails.digests_send_due()
        retried = emails.notification_emails_retry_safely()
        self.stdout.write(
            self.style.SUCCESS(f"Sent {sent} digests; sent {retried} e-mails that failed before.")
        )
