from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedSubject(models.TextChoices):
    """What a feed holds; JSON feeds may wrap their rows in an object under this key."""

    PRODUCTS = "products", _("products")
    ORDERS = "orders", _("orders")


# What the shop's code passes around; no one chooses them from a list, so they have no labels.


class FeedFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


class MissingProducts(StrEnum):
    """What a product import does with live products the feed does not mention."""

    IGNORE = "ignore"  # leave them, say nothing (a partial push)
    REPORT = "report"  # leave them and list them in the report
    UNPUBLISH = "unpublish"  # unpublish them and list them in the report


class RowOutcome(StrEnum):
    """What an import did with a valid row (a rejected row is reported with its errors)."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
