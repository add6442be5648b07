"""What every command that sends a stream's due e-mails shares: it sends them once (for cron),
or with ``--schedule`` queues the stream's task, which with a task worker runs again every so
many minutes. Both together are safe: the one mail path claims each e-mail before sending."""

from __future__ import annotations

from dataclasses import asdict

from django.core.management.base import BaseCommand

from .tasks import enqueue_safely


class SendDueCommand(BaseCommand):
    """A stream's command states its ``task``, the ``interval_setting`` that task repeats
    after, what it says once the task is queued (``queued``), and either ``send`` (a function
    returning a ``mail.MailRun``) with ``sent_report`` (a text taking ``%(sent)s``,
    ``%(skipped)s`` and ``%(failed)s``) or a ``send_due`` of its own."""

    task = None
    interval_setting = ""
    queued = ""
    send = None
    sent_report = ""

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=(
                "Queue the background task instead; with a task worker it runs again every "
                f"{self.interval_setting}."
            ),
        )

    def handle(self, *args, schedule: bool = False, **options):
        self.stdout.write(self.schedule() if schedule else self.send_due())

    def schedule(self) -> str:
        """Queue the task; a backend that is down is logged, as for any queued work."""
        enqueue_safely(self.task)
        return str(self.queued)

    def send_due(self) -> str:
        """Send what is due now; what to print about it."""
        return self.sent_report % asdict(self.send())
