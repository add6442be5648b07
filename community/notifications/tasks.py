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
        backend = send_notification_emails.get_backend()
        if backend.supports_defer:
            retry = send_notification_emails.using(run_after=timezone.now() + timedelta(minutes=5))
            enqueue_safely(retry, kind, event_key)
        raise


@task()
def send_due_digests() -> int:
    """Send the digests that are due and retry failed e-mails; with a worker, again later.

    ``manage.py send_digests --schedule`` starts the chain once; cron can run
    ``send_digests`` instead (both together are safe: digests are claimed per member).
    """
    sent = emails.digests_send_due()
    emails.notification_emails_retry_safely()
    backend = send_due_digests.get_backend()
    if backend.supports_defer:
        later = timezone.now() + timedelta(minutes=settings.NOTIFICATIONS_DIGEST_INTERVAL_MINUTES)
        enqueue_safely(send_due_digests.using(run_after=later))
    return sent
