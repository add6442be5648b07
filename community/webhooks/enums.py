from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed (no more attempts)")


class WebhookNotice(models.TextChoices):
    """What staff are told about webhooks (an on-site notification, e-mailed at once)."""

    ENDPOINT_PAUSED = "webhook_paused", _("A webhook endpoint was paused after failures")
