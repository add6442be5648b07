from django.core.management.base import BaseCommand

from community.webhooks.tasks import send_due_webhooks


class Command(BaseCommand):
    help = "Send the webhook deliveries whose retry is due (run it every few minutes from cron)."

    def handle(self, *args, **options):
        delivered = send_due_webhooks()
        self.stdout.write(f"Webhooks: {delivered} delivered.")
