"""Sending events to the shop's webhook endpoints.

An app calls ``events.webhook_event_send`` where something happened; that only hands the
event to the task queue, so the member's request neither waits for nor fails with a
receiver. The task (tasks.py) writes one delivery per subscribed endpoint and attempts
each: a 2xx answer delivers it; anything else is logged with the response and tried again
later with growing pauses (WEBHOOK_MAX_ATTEMPTS in all). An endpoint that failed
WEBHOOK_PAUSE_AFTER_FAILURES times in a row is paused and staff are told; staff resume it in
the admin.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import notifications
from .enums import DeliveryStatus
from .models import WebhookDelivery, WebhookEndpoint
from .signing import HEADER, signature

logger = logging.getLogger(__name__)

#: Minutes to wait before the second, third, ... attempt.
BACKOFF_MINUTES = (1, 5, 30, 120, 720, 1440)
RESPONSE_KEPT_CHARACTERS = 2000


def webhook_deliveries_create(*, event: str, body: str) -> list[WebhookDelivery]:
    """One pending delivery of ``body`` per active endpoint subscribed to ``event``."""
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        if event in endpoint.events
    ]
    return WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(endpoint=endpoint, event=event, body=body) for endpoint in endpoints]
    )


def webhook_delivery_attempt(*, delivery: WebhookDelivery) -> bool:
    """POST ``delivery`` once, signed; log the answer and plan the next attempt. True when
    delivered. Never raises for the receiver's faults."""
    endpoint = delivery.endpoint
    if delivery.status != DeliveryStatus.PENDING or not endpoint.is_active:
        return delivery.status == DeliveryStatus.DELIVERED
    body = delivery.body.encode()
    request = urllib.request.Request(  # noqa: S310 - staff enter http(s) URLs only (URLField)
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "WebshopCommunity-Webhooks/1",
            "X-Community-Event": delivery.event,
            "X-Community-Delivery": str(delivery.delivery_id),
            HEADER: signature(secret=endpoint.secret, timestamp=int(time.time()), body=body),
        },
    )
    status, answer, error = None, "", ""
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS
        ) as response:
            status = response.status
            answer = response.read(RESPONSE_KEPT_CHARACTERS).decode(errors="replace")
    except urllib.error.HTTPError as refused:
        status = refused.code
        answer = refused.read(RESPONSE_KEPT_CHARACTERS).decode(errors="replace")
    except Exception as failure:  # noqa: BLE001 - any network fault is the receiver's
        error = f"{type(failure).__name__}: {failure}"[:300]
    delivered = status is not None and 200 <= status < 300
    _record_attempt(delivery, delivered=delivered, status=status, answer=answer, error=error)
    return delivered


@transaction.atomic
def _record_attempt(delivery, *, delivered: bool, status, answer: str, error: str) -> None:
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_status = status
    delivery.response_body = answer
    delivery.error = error
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
    if delivered:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.next_attempt_at = None
        endpoint.consecutive_failures = 0
    else:
        if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            wait = BACKOFF_MINUTES[min(delivery.attempts, len(BACKOFF_MINUTES)) - 1]
            delivery.next_attempt_at = now + timedelta(minutes=wait)
        endpoint.consecutive_failures += 1
    delivery.save()
    pausing = (
        not delivered
        and endpoint.is_active
        and endpoint.consecutive_failures >= settings.WEBHOOK_PAUSE_AFTER_FAILURES
    )
    if pausing:
        endpoint.is_active = False
        endpoint.paused_at = now
    endpoint.save(update_fields=["consecutive_failures", "is_active", "paused_at"])
    delivery.endpoint = endpoint
    if pausing:
        notifications.endpoint_paused(endpoint)


def webhook_endpoint_resume(*, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """Staff resume a paused endpoint; its pending deliveries are due at once (the caller
    queues them, see tasks.endpoint_resume; cron's send_webhooks finds them too)."""
    endpoint.is_active = True
    endpoint.paused_at = None
    endpoint.consecutive_failures = 0
    endpoint.save(update_fields=["is_active", "paused_at", "consecutive_failures"])
    WebhookDelivery.objects.filter(endpoint=endpoint, status=DeliveryStatus.PENDING).update(
        next_attempt_at=timezone.now()
    )
    return endpoint


def webhook_deliveries_due(*, now=None):
    """Pending deliveries whose next attempt is due, to active endpoints."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=now, endpoint__is_active=True
    ).select_related("endpoint")
