from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What followers hear about the forum."""

    FOLLOWED_TOPIC_REPLY = "followed_topic_reply", _("New reply in a followed topic")
    FOLLOWED_BOARD_TOPIC = "followed_board_topic", _("New topic on a followed board")
