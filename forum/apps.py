from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    """Boards, topics and posts."""

    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from community.common.page_cache import ignore_writes_to

        from . import moderation, notifications, personal_data, profile, search_sources, sections
        from .models import TopicReadState

        # How far a member has read is shown to them alone, never on a page kept for visitors.
        ignore_writes_to(TopicReadState)
        profile.register()
        search_sources.register()
        sections.register()
        moderation.register()
        notifications.register()
        personal_data.register()
