from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    JSON = "json", _("JSON")


class FeedSubject(models.TextChoices):
    """What a feed holds; JSON feeds may wrap their rows in an object under this key."""

    PRODUCTS = "products", _("products")
    ORDERS = "orders", _("orders")


class MissingProducts(models.TextChoices):
    """What a product import does with live products the feed does not mention."""

    IGNORE = "ignore", _("Leave them, say nothing (a partial push)")
    REPORT = "report", _("Leave them and list them in the report")
    UNPUBLISH = "unpublish", _("Unpublish them and list them in the report")


class RowOutcome(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("updated")
    UNCHANGED = "unchanged", _("unchanged")
    REJECTED = "rejected", _("rejected")
