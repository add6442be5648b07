from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowReason(models.TextChoices):
    """Why someone follows a topic: notifications can word their e-mail after it."""

    CHOSEN = "chosen", _("Followed")
    POSTED = "posted", _("Posted in it")
