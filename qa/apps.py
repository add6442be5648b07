from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class QaConfig(app_registration.RegisteringAppConfig):
    """Product questions, answers, comments, votes and reviews."""

    name = "qa"
    verbose_name = _("Questions and answers")
    registers = (
        "profile",
        "reputation",
        "search_sources",
        "sitemaps",
        "sections",
        "moderation",
        "notifications",
        "personal_data",
        "webhooks",
    )
