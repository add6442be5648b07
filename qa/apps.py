from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    """Product questions, answers, comments, votes and reviews."""

    name = "qa"
    verbose_name = _("Questions and answers")

    def ready(self) -> None:
        from . import notifications

        notifications.register()
