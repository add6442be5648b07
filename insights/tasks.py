"""The weekly summary as a background task that schedules itself (with a task worker)."""

from django.conf import settings
from django_tasks import task

from community.notifications.tasks import run_again_later

from .services import summary_emails_send_due


@task()
def send_insights_summaries() -> int:
    """Send the summaries that are due (each once per subscriber and week); with a worker,
    look again in ``INSIGHTS_SUMMARY_INTERVAL_MINUTES``."""
    run = summary_emails_send_due()
    run_again_later(send_insights_summaries, minutes=settings.INSIGHTS_SUMMARY_INTERVAL_MINUTES)
    return run.sent
