from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    """Boards, topics and posts."""

    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from . import moderation, notifications, personal_data, profile, search_sources, sections

        profile.register()
        search_sources.register()
        sections.register()
        moderation.register()
        notifications.register()
        personal_data.register()
