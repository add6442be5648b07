"""Background work for Q&A and reviews."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .services import review_invitations_send_due


@task()
def review_invitations_send_due_task() -> dict[str, int]:
    """Send the review invitations that are due; with a worker, run again later.

    ``manage.py send_review_invitations --schedule`` starts the chain once; cron can run
    ``send_review_invitations`` instead. Both together are safe: every invitation is claimed
    before it is sent, so none goes out twice.
    """
    run = review_invitations_send_due()
    backend = review_invitations_send_due_task.get_backend()
    if backend.supports_defer:
        later = timezone.now() + timedelta(minutes=settings.REVIEW_INVITATION_INTERVAL_MINUTES)
        review_invitations_send_due_task.using(run_after=later).enqueue()
    return {"sent": run.sent, "skipped": run.skipped, "failed": run.failed}
