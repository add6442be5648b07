from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    """Boards, topics and posts."""

    name = "forum"
    verbose_name = _("Forum")

    def ready(self) -> None:
        from . import notifications

        notifications.register()
