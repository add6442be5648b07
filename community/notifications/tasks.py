"""Background work: e-mails go out here, never inside the request that caused them."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import services


@task()
def send_notification_emails(kind: str, event_key: str) -> int:
    """E-mail one event's notifications to those who want them at once.

    If some sends fail and the backend can run tasks later (a worker), it tries again a few
    minutes on; otherwise ``send_digests`` retries them on its next run. The failure is
    raised afterwards, so the task's result records it.
    """
    try:
        return services.notification_emails_send(kind=kind, event_key=event_key)
    except services.EmailSendFailed:
        backend = send_notification_emails.get_backend()
        if backend.supports_defer:
            retry = send_notification_emails.using(run_after=timezone.now() + timedelta(minutes=5))
            services.enqueue_safely(retry, kind, event_key)
        raise


@task()
def send_due_digests() -> int:
    """Send the digests that are due and retry failed e-mails; with a worker, again later.

    ``manage.py send_digests --schedule`` starts the chain once; cron can run
    ``send_digests`` instead (both together are safe: digests are claimed per member).
    """
    sent = services.digests_send_due()
    services.notification_emails_retry_safely()
    backend = send_due_digests.get_backend()
    if backend.supports_defer:
        later = timezone.now() + timedelta(minutes=settings.NOTIFICATIONS_DIGEST_INTERVAL_MINUTES)
        services.enqueue_safely(send_due_digests.using(run_after=later))
    return sent
