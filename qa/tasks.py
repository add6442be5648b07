"""Background work for Q&A and reviews."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from community.notifications.tasks import run_again_later

from .services import review_invitations_send_due


@task()
def review_invitations_send_due_task() -> dict[str, int]:
    """Send the review invitations that are due; with a worker, run again later.

    ``manage.py send_review_invitations --schedule`` starts the chain once; cron can run
    ``send_review_invitations`` instead. Both together are safe: every invitation is claimed
    before it is sent, so none goes out twice.
    """
    run = review_invitations_send_due()
    run_again_later(
        review_invitations_send_due_task, minutes=settings.REVIEW_INVITATION_INTERVAL_MINUTES
    )
    return {"sent": run.sent, "skipped": run.skipped, "failed": run.failed}
