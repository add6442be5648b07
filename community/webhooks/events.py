"""What the apps call when something a webhook may report happens."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from community.notifications.tasks import enqueue_safely

from . import registry
from .tasks import fan_out_webhook_event


def webhook_event_send(*, event: str, payload: dict) -> None:
    """Tell the endpoints subscribed to ``event`` (in the background, once the current write
    has ended; nothing when it is rolled back). ``payload`` holds public facts only."""
    if not registry.is_event(event):
        raise ValueError(f"Unknown webhook event {event!r}: register it first.")
    envelope = {"event": event, "created_at": timezone.now().isoformat(), "data": payload}
    body = json.dumps(envelope, cls=DjangoJSONEncoder, ensure_ascii=False)
    transaction.on_commit(lambda: enqueue_safely(fan_out_webhook_event, event, body))
