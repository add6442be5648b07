from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    """Product questions, answers, comments, votes and reviews."""

    name = "qa"
    verbose_name = _("Questions and answers")

    def ready(self):
        from . import (
            moderation,
            notifications,
            personal_data,
            profile,
            reputation,
            search_sources,
            sections,
            sitemaps,
            webhooks,
        )

        profile.register()
        reputation.register()
        search_sources.register()
        sitemaps.register()
        sections.register()
        moderation.register()
        notifications.register()
        personal_data.register()
        webhooks.register()
