from django.db import models
from django.utils.translation import gettext_lazy as _

from community.common.buying_phase import Phase


class Layer(models.TextChoices):
    """The three layers of service content the knowledge base is organised by."""

    BEFORE_BUYING = "before", _("Before buying")
    AFTER_BUYING = "after", _("After buying")
    AROUND_PRODUCT = "around", _("Around the product")


# The knowledge-base layer that holds the content of each phase (before or after buying).
LAYER_FOR_PHASE = {
    Phase.BEFORE_PURCHASE: Layer.BEFORE_BUYING,
    Phase.AFTER_PURCHASE: Layer.AFTER_BUYING,
}
