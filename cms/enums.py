from django.db import models
from django.utils.translation import gettext_lazy as _


class Layer(models.TextChoices):
    """The three layers of service content the knowledge base is organised by."""

    BEFORE_BUYING = "before", _("Before buying")
    AFTER_BUYING = "after", _("After buying")
    AROUND_PRODUCT = "around", _("Around the product")
