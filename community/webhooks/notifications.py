"""Who hears that a webhook endpoint was paused after failures: staff, on the site and by
e-mail at once (the moderation group). Registered with the notifications floor from
``WebhooksConfig``, as the apps register their kinds."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.accounts.models import User
from community.notifications import registry
from community.notifications.enums import KindGroup
from community.notifications.services import notify

from .models import WebhookEndpoint


class WebhookNotice(models.TextChoices):
    """What staff are told about webhooks (an on-site notification, e-mailed at once)."""

    ENDPOINT_PAUSED = "webhook_paused", gettext_lazy("A webhook endpoint was paused after failures")


def register() -> None:
    registry.register_kinds(
        WebhookNotice,
        groups={WebhookNotice.ENDPOINT_PAUSED: KindGroup.MODERATION},
        email_subjects={
            WebhookNotice.ENDPOINT_PAUSED: gettext_lazy("A webhook endpoint was paused: %(text)s")
        },
    )


def endpoint_paused(endpoint: WebhookEndpoint) -> None:
    """``endpoint`` failed too often in a row and was paused: every active staff member hears."""
    staff = User.objects.filter(is_staff=True, is_active=True)
    notify(
        kind=WebhookNotice.ENDPOINT_PAUSED,
        event_key=f"webhook-paused:{endpoint.pk}:{int(endpoint.paused_at.timestamp())}",
        recipients=list(staff),
        url=reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk]),
        text=_("%(url)s failed %(count)s times in a row and receives nothing until resumed.")
        % {"url": endpoint.url, "count": endpoint.consecutive_failures},
    )
