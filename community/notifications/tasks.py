"""Background work: e-mails go out here, never inside the request that caused them."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import emails

logger = logging.getLogger(__name__)


def enqueue_safely(task, *args, **kwargs) -> None:
    """Hand work to the task backend; a failure is logged and never reaches the request.

    The in-process backend runs the task right here (and records its errors itself); a
    backend that is down must not turn a saved answer into an error page either.
    """
    try:
        task.enqueue(*args, **kwargs)
    except Exception:
        logger.exception("Could not enqueue %s%r", task.name, args)


def run_again_later(task, *args, minutes: int) -> None:
    """With a worker (a backend that can run tasks later), queue ``task`` again in
    ``minutes``; the in-process backend cannot, and cron runs the command instead."""
    if task.get_backend().supports_defer:
        later = timezone.now() + timedelta(minutes=minutes)
        enqueue_safely(task.using(run_after=later), *args)


@task()
def send_notification_emails(kind: str, event_key: str) -> int:
    """E-mail one event's notifications to those who want them at once.

    If some sends fail and the backend can run tasks later (a worker), it tries again a few
    minutes on; otherwise ``send_digests`` retries them on its next run. The failure is
    raised afterwards, so the task's result records it.
    """
    try:
        return emails.notification_emails_send(kind=kind, event_key=event_key)
    except emails.EmailSendFailed:
        run_again_later(send_notification_emails, kind, event_key, minutes=5)
        raise


@task()
def send_due_digests() -> int:
    """Send the digests that are due and retry failed e-mails; with a worker, again later.

    ``manage.py send_digests --schedule`` starts the chain once; cron can run
    ``send_digests`` instead (both together are safe: digests are claimed per member).
    """
    sent = emails.digests_send_due()
    emails.notification_emails_retry_safely()
    run_again_later(send_due_digests, minutes=settings.NOTIFICATIONS_DIGEST_INTERVAL_MINUTES)
    return sent
