"""Webhook work in the background: deliveries are sent here, never in a member's request.

With a worker (a backend that can run tasks later) each failed attempt queues the next one
at its time; the in-process backend cannot wait, so ``manage.py send_webhooks`` (from cron)
sends the retries that are due.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from community.notifications.tasks import enqueue_safely

from .enums import DeliveryStatus
from .models import WebhookDelivery
from .services import (
    webhook_deliveries_create,
    webhook_deliveries_due,
    webhook_delivery_attempt,
    webhook_endpoint_resume,
)


@task()
def fan_out_webhook_event(event: str, body: str) -> int:
    """One delivery per subscribed endpoint, each attempted at once."""
    deliveries = webhook_deliveries_create(event=event, body=body)
    for delivery in deliveries:
        _attempt(delivery)
    return len(deliveries)


@task()
def deliver_webhook(delivery_pk: int) -> bool:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_pk).first()
    return _attempt(delivery) if delivery is not None else False


def send_due_webhooks() -> int:
    """Attempt every delivery whose retry is due; how many were delivered."""
    return sum(_attempt(delivery) for delivery in webhook_deliveries_due())


def endpoint_resume(*, endpoint) -> None:
    """Staff resume a paused endpoint: its pending deliveries are tried again now."""
    webhook_endpoint_resume(endpoint=endpoint)
    pending = WebhookDelivery.objects.filter(endpoint=endpoint, status=DeliveryStatus.PENDING)
    for delivery_pk in pending.values_list("pk", flat=True):
        enqueue_safely(deliver_webhook, delivery_pk)


def _attempt(delivery: WebhookDelivery) -> bool:
    delivered = webhook_delivery_attempt(delivery=delivery)
    # Queued again only when an attempt planned the next one: a delivery to a paused endpoint
    # waits (its time already past) until the endpoint is resumed.
    retry_at = delivery.next_attempt_at
    if (
        not delivered
        and retry_at
        and retry_at > timezone.now()
        and deliver_webhook.get_backend().supports_defer
    ):
        enqueue_safely(deliver_webhook.using(run_after=retry_at), delivery.pk)
    return delivered
