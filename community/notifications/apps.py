from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """On-site and e-mail notifications, what members follow, and how they want to hear."""

    name = "community.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
