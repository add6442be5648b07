"""Before or after buying: the phase of the customer journey that content is about.

Questions carry it, the knowledge base is organised by it and search filters by it, so it lives
on the ground floor where the apps and site search can all read it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Whether something is about choosing a product or using one already bought."""

    BEFORE_PURCHASE = "before", _("Before buying")
    AFTER_PURCHASE = "after", _("After buying")
